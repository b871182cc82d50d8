//! Mocked Amazon S3 objects: what a distributed Map's `ItemReader` reads
//! and where its `ResultWriter` writes.

use std::collections::BTreeMap;

use asl_types::Json;

use crate::RunError;

/// The S3 objects of a run, by bucket and key: a distributed Map's
/// `ItemReader` reads them (`s3:getObject`, `s3:listObjectsV2`), and its
/// `ResultWriter` adds what it would write, so a test can read it back.
///
/// Bodies are text (JSON, JSON Lines, CSV, an inventory manifest); an
/// S3 inventory's data files, gzipped in S3, are given here as plain CSV.
///
/// The file form (`asl run --s3 FILE`, and `s3` in `asl test` cases) is a
/// JSON object from `s3://BUCKET/KEY` to the body: a string is the text
/// as is, any other JSON value is stored as its compact JSON text.
///
/// ```
/// use asl_test::S3;
/// let s3 = S3::from_json_text(r#"{
///   "s3://data/ratings.csv": "user,rating\nana,5\n",
///   "s3://data/items.json": [{"id": 1}, {"id": 2}]
/// }"#).unwrap();
/// assert_eq!(s3.get("data", "items.json"), Some(r#"[{"id":1},{"id":2}]"#));
/// assert_eq!(s3.list("data", "").count(), 2);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct S3 {
    objects: BTreeMap<(String, String), String>,
}

impl S3 {
    /// No objects.
    pub fn new() -> S3 {
        S3::default()
    }

    /// Stores `body` at `bucket` / `key`, replacing what was there.
    pub fn put(
        &mut self,
        bucket: impl Into<String>,
        key: impl Into<String>,
        body: impl Into<String>,
    ) -> &mut S3 {
        self.objects
            .insert((bucket.into(), key.into()), body.into());
        self
    }

    /// The body at `bucket` / `key`.
    pub fn get(&self, bucket: &str, key: &str) -> Option<&str> {
        self.objects
            .get(&(bucket.to_owned(), key.to_owned()))
            .map(String::as_str)
    }

    /// The keys and bodies of `bucket` that start with `prefix`, in key
    /// order (as `ListObjectsV2` returns them).
    pub fn list<'a>(
        &'a self,
        bucket: &'a str,
        prefix: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        self.objects
            .iter()
            .filter(move |((b, k), _)| b == bucket && k.starts_with(prefix))
            .map(|((_, k), body)| (k.as_str(), body.as_str()))
    }

    /// How many objects there are.
    pub fn len(&self) -> usize {
        self.objects.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.objects.is_empty()
    }

    /// Reads the file form (see the type's documentation).
    ///
    /// # Errors
    /// [`RunError::Mocks`] naming the entry that is wrong.
    pub fn from_json_text(text: &str) -> Result<S3, RunError> {
        let json: Json = text
            .parse()
            .map_err(|e| RunError::Mocks(format!("s3: not JSON: {e}")))?;
        S3::from_json(&json)
    }

    /// Reads the file form from a parsed value.
    ///
    /// # Errors
    /// [`RunError::Mocks`] naming the entry that is wrong.
    pub fn from_json(json: &Json) -> Result<S3, RunError> {
        let Json::Object(entries) = json else {
            return Err(RunError::Mocks(format!(
                "s3: the objects are {}, not an object from `s3://BUCKET/KEY` to the body",
                json.kind()
            )));
        };
        let mut s3 = S3::new();
        for (uri, body) in entries {
            let (bucket, key) = split_uri(uri).ok_or_else(|| {
                RunError::Mocks(format!(
                    "s3: `{uri}` is not an object's URI `s3://BUCKET/KEY`"
                ))
            })?;
            let text = match body {
                Json::String(s) => s.clone(),
                other => crate::exec::compact(other),
            };
            s3.put(bucket, key, text);
        }
        Ok(s3)
    }
}

/// `s3://bucket/key` as bucket and key (both non-empty).
fn split_uri(uri: &str) -> Option<(&str, &str)> {
    let (bucket, key) = uri.strip_prefix("s3://")?.split_once('/')?;
    (!bucket.is_empty() && !key.is_empty()).then_some((bucket, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_form_errors_name_the_entry() {
        let err = S3::from_json_text(r#"{"data/x.csv": "a"}"#).unwrap_err();
        assert!(err.to_string().contains("`data/x.csv`"), "{err}");
        let err = S3::from_json_text("[]").unwrap_err();
        assert!(err.to_string().contains("array"), "{err}");
    }

    #[test]
    fn list_is_by_prefix_in_key_order() {
        let mut s3 = S3::new();
        s3.put("b", "in/2.txt", "2")
            .put("b", "in/1.txt", "1")
            .put("b", "out/3.txt", "3")
            .put("c", "in/4.txt", "4");
        let keys: Vec<&str> = s3.list("b", "in/").map(|(k, _)| k).collect();
        assert_eq!(keys, ["in/1.txt", "in/2.txt"]);
    }
}
