//! `--substitutions FILE` and `--sub KEY=VALUE`: the values of `${…}`
//! placeholders, from a JSON object or a SAM / CloudFormation template
//! (JSON or YAML).

use std::path::Path;

use asl_types::placeholders::Substitutions;
use asl_types::{Json, JsonObject, Number};

use crate::{display_name, read_input};

/// The substitutions of `file` (if any), then `--sub` pairs over them.
pub(crate) fn load(
    file: Option<&Path>,
    pairs: &[(String, String)],
) -> Result<Option<Substitutions>, String> {
    if file.is_none() && pairs.is_empty() {
        return Ok(None);
    }
    let mut subs = match file {
        Some(path) => {
            let name = display_name(path);
            let bytes = read_input(path).map_err(|e| format!("{name}: cannot read: {e}"))?;
            let json = parse(&bytes).map_err(|e| format!("{name}: {e}"))?;
            Substitutions::from_json(&json).map_err(|e| format!("{name}: {e}"))?
        }
        None => Substitutions::new(),
    };
    for (key, value) in pairs {
        subs.insert(key.clone(), value.clone());
    }
    Ok(Some(subs))
}

/// `KEY=VALUE`, for clap.
pub(crate) fn parse_pair(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.is_empty() => Ok((key.to_owned(), value.to_owned())),
        _ => Err(format!("`{text}` is not KEY=VALUE")),
    }
}

/// JSON, or else YAML (CloudFormation's short forms such as `!Ref X` and
/// `!GetAtt X.Arn` become `{"Ref": …}`-like objects: values known only at
/// deploy time).
fn parse(bytes: &[u8]) -> Result<Json, String> {
    if let Ok(json) = Json::from_slice(bytes) {
        return Ok(json);
    }
    let yaml: serde_norway::Value =
        serde_norway::from_slice(bytes).map_err(|e| format!("neither JSON nor YAML: {e}"))?;
    from_yaml(&yaml, 0)
}

fn from_yaml(value: &serde_norway::Value, depth: usize) -> Result<Json, String> {
    use serde_norway::Value as Y;
    if depth > asl_types::json::MAX_DEPTH {
        return Err("the template nests too deep".to_owned());
    }
    Ok(match value {
        Y::Null => Json::Null,
        Y::Bool(b) => Json::Bool(*b),
        Y::Number(n) => {
            let number = if let Some(i) = n.as_i64() {
                Number::from(i)
            } else if let Some(u) = n.as_u64() {
                Number::from(u)
            } else {
                n.as_f64()
                    .and_then(Number::from_f64)
                    .ok_or_else(|| format!("`{n}` is not a finite number"))?
            };
            Json::Number(number)
        }
        Y::String(s) => Json::String(s.clone()),
        Y::Sequence(items) => Json::Array(
            items
                .iter()
                .map(|v| from_yaml(v, depth + 1))
                .collect::<Result<_, _>>()?,
        ),
        Y::Mapping(map) => {
            let mut object = JsonObject::with_capacity(map.len());
            for (k, v) in map {
                let key = match k {
                    Y::String(s) => s.clone(),
                    other => serde_norway::to_string(other)
                        .map_err(|e| e.to_string())?
                        .trim()
                        .to_owned(),
                };
                object.insert(key, from_yaml(v, depth + 1)?);
            }
            Json::Object(object)
        }
        Y::Tagged(tagged) => {
            // `!Ref Bucket` → {"!Ref": "Bucket"}: an intrinsic function.
            let mut object = JsonObject::new();
            object.insert(tagged.tag.to_string(), from_yaml(&tagged.value, depth + 1)?);
            Json::Object(object)
        }
    })
}
