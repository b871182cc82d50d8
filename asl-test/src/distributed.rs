//! A distributed Map's own steps, apart from running the children:
//! reading items from S3 (`ItemReader`), grouping them (`ItemBatcher`),
//! deciding when too many children failed (`ToleratedFailure…`), and what
//! the `ResultWriter` writes and hands on.
//!
//! Semantics follow the AWS Step Functions Developer Guide pages
//! "`ItemReader` (Map)", "`ItemBatcher` (Map)", "`ResultWriter` (Map)" and the
//! Distributed Map's failure threshold; recorded executions where there
//! are any (see `tests/conformance/localstack`).

use asl_types::{CsvDelimiter, CsvHeaderLocation, InputType, Json, JsonObject, Resource};

use crate::{Failure, S3};

/// `States.ItemReaderFailed`: the reader could not produce items.
pub(crate) const ITEM_READER_FAILED: &str = "States.ItemReaderFailed";

/// What went wrong reading items.
pub(crate) enum ReadError {
    /// An execution error (a missing object, a malformed file).
    Failure(Failure),
    /// A reader this executor does not model.
    Unsupported(String),
}

impl From<Failure> for ReadError {
    fn from(f: Failure) -> ReadError {
        ReadError::Failure(f)
    }
}

fn reader_failed(cause: impl Into<String>) -> ReadError {
    ReadError::Failure(Failure::new(ITEM_READER_FAILED, cause))
}

/// The `ReaderConfig` of an `ItemReader`, its dynamic values evaluated.
#[derive(Default)]
pub(crate) struct ReaderSettings<'a> {
    pub(crate) input_type: Option<&'a InputType>,
    pub(crate) header_location: Option<&'a CsvHeaderLocation>,
    pub(crate) headers: Option<Vec<String>>,
    pub(crate) delimiter: Option<&'a CsvDelimiter>,
    pub(crate) max_items: Option<usize>,
    pub(crate) manifest_type: Option<&'a str>,
}

/// The items `resource` reads with `parameters` (the evaluated
/// `Parameters` / `Arguments`: `Bucket` and `Key`, or `Bucket` and
/// `Prefix`), at most `MaxItems` of them.
pub(crate) fn read_items(
    resource: &Resource,
    settings: &ReaderSettings<'_>,
    parameters: &Json,
    s3: &S3,
    now_ms: i64,
) -> Result<Vec<Json>, ReadError> {
    let action = match resource {
        Resource::Integration {
            service, action, ..
        } if service == "s3" => action.as_str(),
        other => {
            return Err(ReadError::Unsupported(format!(
                "the ItemReader resource `{other}` (use `arn:aws:states:::s3:getObject` or `arn:aws:states:::s3:listObjectsV2`)"
            )));
        }
    };
    let text = |key: &str| -> Result<Option<&str>, ReadError> {
        match parameters.get(key) {
            None => Ok(None),
            Some(Json::String(s)) => Ok(Some(s.as_str())),
            Some(other) => Err(reader_failed(format!(
                "the ItemReader's `{key}` is {}, not a string",
                other.kind()
            ))),
        }
    };
    let bucket = text("Bucket")?
        .ok_or_else(|| reader_failed("the ItemReader's parameters have no `Bucket`"))?;
    let mut items = match action {
        "listObjectsV2" => list_objects(s3, bucket, text("Prefix")?.unwrap_or(""), now_ms),
        "getObject" => {
            let key = text("Key")?
                .ok_or_else(|| reader_failed("the ItemReader's parameters have no `Key`"))?;
            let body = object(s3, bucket, key)?;
            match settings.input_type.unwrap_or(&InputType::Json) {
                InputType::Json => json_array(body, bucket, key)?,
                InputType::Jsonl => json_lines(body, bucket, key)?,
                InputType::Csv => csv_rows(body, settings, bucket, key)?,
                InputType::Manifest => inventory(s3, body, settings, bucket, key)?,
                other => {
                    return Err(ReadError::Unsupported(format!(
                        "the ItemReader InputType `{other}`"
                    )));
                }
            }
        }
        other => {
            return Err(ReadError::Unsupported(format!(
                "the ItemReader action `s3:{other}`"
            )));
        }
    };
    if let Some(max) = settings.max_items {
        items.truncate(max);
    }
    Ok(items)
}

fn object<'s>(s3: &'s S3, bucket: &str, key: &str) -> Result<&'s str, ReadError> {
    s3.get(bucket, key).ok_or_else(|| {
        reader_failed(format!(
            "the object s3://{bucket}/{key} does not exist (add it to the run's S3 objects)"
        ))
    })
}

/// `s3:listObjectsV2`: one item per object, as the Developer Guide shows
/// them (`Etag`, `Key`, `LastModified` in epoch seconds, `Size`,
/// `StorageClass`). Every mocked object was last modified when the
/// execution started.
fn list_objects(s3: &S3, bucket: &str, prefix: &str, now_ms: i64) -> Vec<Json> {
    s3.list(bucket, prefix)
        .map(|(key, body)| {
            let etag = crate::hash::hex(body.as_bytes(), "MD5").unwrap_or_default();
            let mut o = JsonObject::new();
            o.insert("Etag".into(), Json::String(format!("\"{etag}\"")));
            o.insert("Key".into(), Json::from(key));
            o.insert(
                "LastModified".into(),
                Json::Number(now_ms.div_euclid(1000).into()),
            );
            o.insert("Size".into(), Json::Number(body.len().into()));
            o.insert("StorageClass".into(), Json::from("STANDARD"));
            Json::Object(o)
        })
        .collect()
}

fn json_array(body: &str, bucket: &str, key: &str) -> Result<Vec<Json>, ReadError> {
    match body.parse::<Json>() {
        Ok(Json::Array(items)) => Ok(items),
        Ok(other) => Err(reader_failed(format!(
            "s3://{bucket}/{key} holds {}, not a JSON array",
            other.kind()
        ))),
        Err(e) => Err(reader_failed(format!(
            "s3://{bucket}/{key} is not JSON: {e}"
        ))),
    }
}

fn json_lines(body: &str, bucket: &str, key: &str) -> Result<Vec<Json>, ReadError> {
    body.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            line.parse::<Json>().map_err(|e| {
                reader_failed(format!("s3://{bucket}/{key} line {}: not JSON: {e}", i + 1))
            })
        })
        .collect()
}

fn delimiter(d: Option<&CsvDelimiter>) -> Result<u8, ReadError> {
    Ok(match d {
        None | Some(CsvDelimiter::Comma) => b',',
        Some(CsvDelimiter::Pipe) => b'|',
        Some(CsvDelimiter::Semicolon) => b';',
        Some(CsvDelimiter::Space) => b' ',
        Some(CsvDelimiter::Tab) => b'\t',
        Some(other) => {
            return Err(ReadError::Unsupported(format!(
                "the CSVDelimiter `{other}`"
            )));
        }
    })
}

/// The rows of a CSV text, each a list of fields.
fn csv_records(body: &str, delimiter: u8, what: &str) -> Result<Vec<Vec<String>>, ReadError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(body.as_bytes());
    reader
        .records()
        .map(|r| {
            r.map(|record| record.iter().map(str::to_owned).collect())
                .map_err(|e| reader_failed(format!("{what}: not CSV: {e}")))
        })
        .collect()
}

/// One item per row: an object from each header to the row's field, as a
/// string (AWS does not convert CSV values); a field the row lacks is
/// empty, a field past the headers is left out.
fn row_object(headers: &[String], row: Vec<String>) -> Json {
    let mut fields = row.into_iter();
    Json::Object(
        headers
            .iter()
            .map(|h| (h.clone(), Json::String(fields.next().unwrap_or_default())))
            .collect(),
    )
}

fn csv_rows(
    body: &str,
    settings: &ReaderSettings<'_>,
    bucket: &str,
    key: &str,
) -> Result<Vec<Json>, ReadError> {
    let what = format!("s3://{bucket}/{key}");
    let mut rows = csv_records(body, delimiter(settings.delimiter)?, &what)?.into_iter();
    let headers = match settings.header_location {
        None | Some(CsvHeaderLocation::FirstRow) => rows
            .next()
            .ok_or_else(|| reader_failed(format!("{what} is empty: it has no header row")))?,
        Some(CsvHeaderLocation::Given) => settings.headers.clone().ok_or_else(|| {
            reader_failed("CSVHeaderLocation is GIVEN but there are no CSVHeaders")
        })?,
        Some(other) => {
            return Err(ReadError::Unsupported(format!(
                "the CSVHeaderLocation `{other}`"
            )));
        }
    };
    Ok(rows.map(|row| row_object(&headers, row)).collect())
}

/// An S3 inventory: `manifest.json` lists CSV data files in the
/// destination bucket; each row is an item whose members are the
/// `fileSchema` columns, as strings.
fn inventory(
    s3: &S3,
    manifest: &str,
    settings: &ReaderSettings<'_>,
    bucket: &str,
    key: &str,
) -> Result<Vec<Json>, ReadError> {
    if let Some(kind) = settings.manifest_type
        && kind != "S3_INVENTORY"
    {
        return Err(ReadError::Unsupported(format!("the ManifestType `{kind}`")));
    }
    let what = format!("the manifest s3://{bucket}/{key}");
    let manifest: Json = manifest
        .parse()
        .map_err(|e| reader_failed(format!("{what} is not JSON: {e}")))?;
    let field = |name: &str| -> Result<&str, ReadError> {
        manifest
            .get(name)
            .and_then(Json::as_str)
            .ok_or_else(|| reader_failed(format!("{what} has no `{name}` string")))
    };
    let format = field("fileFormat")?;
    if format != "CSV" {
        return Err(ReadError::Unsupported(format!(
            "an S3 inventory in the `{format}` format (CSV only)"
        )));
    }
    let schema: Vec<String> = field("fileSchema")?
        .split(',')
        .map(|c| c.trim().to_owned())
        .collect();
    let destination = field("destinationBucket")?;
    let destination = destination
        .rsplit_once(":::")
        .map_or(destination, |(_, name)| name);
    let Some(Json::Array(files)) = manifest.get("files") else {
        return Err(reader_failed(format!("{what} has no `files` list")));
    };
    let mut items = Vec::new();
    for file in files {
        let data_key = file
            .get("key")
            .and_then(Json::as_str)
            .ok_or_else(|| reader_failed(format!("{what}: a file has no `key`")))?;
        let body = object(s3, destination, data_key)?;
        let rows = csv_records(body, b',', &format!("s3://{destination}/{data_key}"))?;
        items.extend(rows.into_iter().map(|row| row_object(&schema, row)));
    }
    Ok(items)
}

/// Groups `items` into the children's inputs: `{"BatchInput": …,
/// "Items": […]}`, each batch holding at most `max_items` items and, as
/// JSON text, at most `max_bytes` bytes (256 KiB when not given; an item
/// too big for any batch goes alone).
pub(crate) fn batches(
    items: Vec<Json>,
    max_items: Option<usize>,
    max_bytes: Option<usize>,
    batch_input: Option<&Json>,
) -> Vec<Json> {
    let max_items = max_items.unwrap_or(usize::MAX).max(1);
    let max_bytes = max_bytes.unwrap_or(crate::DATA_LIMIT);
    // `{"BatchInput":…,"Items":[]}`
    let base = batch_input.map_or(0, |b| crate::exec::json_len(b) + r#""BatchInput":,"#.len())
        + r#"{"Items":[]}"#.len();
    let make = |batch: Vec<Json>| {
        let mut o = JsonObject::new();
        if let Some(b) = batch_input {
            o.insert("BatchInput".into(), b.clone());
        }
        o.insert("Items".into(), Json::Array(batch));
        Json::Object(o)
    };
    let mut out = Vec::new();
    let mut batch = Vec::new();
    let mut size = base;
    for item in items {
        let len = crate::exec::json_len(&item) + usize::from(!batch.is_empty());
        if !batch.is_empty() && (batch.len() >= max_items || size + len > max_bytes) {
            out.push(make(std::mem::take(&mut batch)));
            size = base;
        }
        size += crate::exec::json_len(&item) + usize::from(!batch.is_empty());
        batch.push(item);
    }
    if !batch.is_empty() {
        out.push(make(batch));
    }
    out
}

/// Whether `failed` of `total` children is past the tolerated threshold
/// (`count` failures, `percentage` of the items; with neither, none is
/// tolerated).
pub(crate) fn threshold_exceeded(
    failed: usize,
    total: usize,
    count: Option<u64>,
    percentage: Option<f64>,
) -> bool {
    if failed == 0 {
        return false;
    }
    if count.is_none() && percentage.is_none() {
        return true;
    }
    let over_count = count.is_some_and(|c| u64::try_from(failed).unwrap_or(u64::MAX) > c);
    #[allow(clippy::cast_precision_loss, reason = "item counts are far below 2^52")]
    let over_percentage =
        percentage.is_some_and(|p| total > 0 && (failed as f64) * 100.0 / (total as f64) > p);
    over_count || over_percentage
}

/// The error a distributed Map fails with past its threshold.
pub(crate) fn threshold_failure() -> Failure {
    Failure::new(
        "States.ExceedToleratedFailureThreshold",
        "The specified tolerated failure threshold was exceeded",
    )
}

/// How one child execution ended, for the `ResultWriter`.
pub(crate) struct Child {
    pub(crate) name: String,
    pub(crate) input: Json,
    pub(crate) start_ms: i64,
    pub(crate) stop_ms: i64,
    pub(crate) result: Result<Json, Failure>,
}

/// `WriterConfig.Transformation`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Transformation {
    /// The children's outputs with their execution metadata.
    None,
    /// The outputs alone.
    Compact,
    /// The outputs, arrays flattened into the list.
    Flatten,
}

/// The children's results, transformed: successes, then failures.
pub(crate) fn transformed(
    children: &[Child],
    transformation: Transformation,
    arns: &ChildArns<'_>,
) -> (Vec<Json>, Vec<Json>) {
    let mut succeeded = Vec::new();
    let mut failed = Vec::new();
    for child in children {
        match (&child.result, transformation) {
            (Ok(Json::Array(items)), Transformation::Flatten) => {
                succeeded.extend(items.iter().cloned());
            }
            (Ok(output), Transformation::Compact | Transformation::Flatten) => {
                succeeded.push(output.clone());
            }
            // A failed child is written unchanged, whatever the
            // transformation (the Developer Guide's note on
            // `Transformation`).
            (Ok(_), Transformation::None) => succeeded.push(metadata(child, arns)),
            (Err(_), _) => failed.push(metadata(child, arns)),
        }
    }
    (succeeded, failed)
}

/// The ARNs a distributed Map's children are named by.
pub(crate) struct ChildArns<'a> {
    /// `arn:aws:states:REGION:ACCOUNT`
    pub(crate) prefix: &'a str,
    /// `MACHINE/LABEL`
    pub(crate) machine: &'a str,
    /// `EXPRESS` children: their ARNs read `:express:` where a standard
    /// execution's read `:execution:`.
    pub(crate) express: bool,
}

/// A child execution as `DescribeExecution` shows it.
fn metadata(child: &Child, arns: &ChildArns<'_>) -> Json {
    let mut o = JsonObject::new();
    let text = |v: &Json| Json::String(crate::exec::compact(v));
    o.insert(
        "ExecutionArn".into(),
        Json::String(format!(
            "{}:{}:{}:{}",
            arns.prefix,
            if arns.express { "express" } else { "execution" },
            arns.machine,
            child.name
        )),
    );
    o.insert("Input".into(), text(&child.input));
    o.insert("InputDetails".into(), included());
    o.insert("Name".into(), Json::from(child.name.as_str()));
    match &child.result {
        Ok(output) => {
            o.insert("Output".into(), text(output));
            o.insert("OutputDetails".into(), included());
        }
        Err(f) => {
            o.insert("Error".into(), Json::from(f.error.as_str()));
            o.insert("Cause".into(), Json::from(f.cause.as_str()));
        }
    }
    o.insert("RedriveCount".into(), Json::Number(0u8.into()));
    o.insert(
        "StartDate".into(),
        Json::from(crate::time::format_ms(child.start_ms)),
    );
    o.insert(
        "StateMachineArn".into(),
        Json::String(format!("{}:stateMachine:{}", arns.prefix, arns.machine)),
    );
    let status = if child.result.is_ok() {
        "SUCCEEDED"
    } else {
        "FAILED"
    };
    o.insert("Status".into(), Json::from(status));
    o.insert(
        "StopDate".into(),
        Json::from(crate::time::format_ms(child.stop_ms)),
    );
    Json::Object(o)
}

fn included() -> Json {
    let mut o = JsonObject::new();
    o.insert("Included".into(), Json::Bool(true));
    Json::Object(o)
}

/// The objects a `ResultWriter` with an S3 destination writes, and the
/// Map's result: `{"MapRunArn", "ResultWriterDetails": {"Bucket",
/// "Key"}}`, the key that of `manifest.json` under `PREFIX/MAP_RUN_ID/`.
#[allow(clippy::too_many_arguments, reason = "one call site")]
pub(crate) fn write_results(
    s3: &mut S3,
    bucket: &str,
    prefix: Option<&str>,
    map_run_arn: &str,
    map_run_id: &str,
    succeeded: &[Json],
    failed: &[Json],
    jsonl: bool,
) -> Json {
    let folder = match prefix {
        Some(p) if !p.is_empty() => format!("{}/{map_run_id}", p.trim_end_matches('/')),
        _ => map_run_id.to_owned(),
    };
    let extension = if jsonl { "jsonl" } else { "json" };
    let mut files = JsonObject::new();
    for (status, results) in [
        ("FAILED", failed),
        ("PENDING", &[][..]),
        ("SUCCEEDED", succeeded),
    ] {
        let mut list = Vec::new();
        if !results.is_empty() {
            let key = format!("{folder}/{status}_0.{extension}");
            let body = if jsonl {
                results
                    .iter()
                    .map(|r| crate::exec::compact(r) + "\n")
                    .collect::<String>()
            } else {
                crate::exec::compact(&Json::Array(results.to_vec()))
            };
            let mut entry = JsonObject::new();
            entry.insert("Key".into(), Json::from(key.as_str()));
            entry.insert("Size".into(), Json::Number(body.len().into()));
            list.push(Json::Object(entry));
            s3.put(bucket, key, body);
        }
        files.insert(status.into(), Json::Array(list));
    }
    let mut manifest = JsonObject::new();
    manifest.insert("DestinationBucket".into(), Json::from(bucket));
    manifest.insert("MapRunArn".into(), Json::from(map_run_arn));
    manifest.insert("ResultFiles".into(), Json::Object(files));
    let manifest_key = format!("{folder}/manifest.json");
    s3.put(
        bucket,
        manifest_key.as_str(),
        crate::exec::compact(&Json::Object(manifest)),
    );
    let mut details = JsonObject::new();
    details.insert("Bucket".into(), Json::from(bucket));
    details.insert("Key".into(), Json::from(manifest_key));
    let mut out = JsonObject::new();
    out.insert("MapRunArn".into(), Json::from(map_run_arn));
    out.insert("ResultWriterDetails".into(), Json::Object(details));
    Json::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> Json {
        text.parse().unwrap()
    }

    #[test]
    fn batches_by_count_and_bytes() {
        let items: Vec<Json> = (1u8..=5).map(|n| Json::Number(n.into())).collect();
        let got = batches(items.clone(), Some(2), None, None);
        assert_eq!(
            got,
            [
                json(r#"{"Items":[1,2]}"#),
                json(r#"{"Items":[3,4]}"#),
                json(r#"{"Items":[5]}"#)
            ]
        );
        // `{"Items":[1,2,3]}` is 17 bytes; `{"Items":[1,2,3,4]}` 19.
        let got = batches(items.clone(), None, Some(17), None);
        assert_eq!(
            got,
            [json(r#"{"Items":[1,2,3]}"#), json(r#"{"Items":[4,5]}"#)]
        );
        let input = json(r#"{"a":1}"#);
        let got = batches(items, Some(4), None, Some(&input));
        assert_eq!(got[0], json(r#"{"BatchInput":{"a":1},"Items":[1,2,3,4]}"#));
        for b in &got {
            let text = crate::exec::compact(b);
            assert_eq!(crate::exec::json_len(b), text.len());
        }
    }

    #[test]
    fn thresholds() {
        assert!(!threshold_exceeded(0, 10, None, None));
        assert!(threshold_exceeded(1, 10, None, None));
        assert!(!threshold_exceeded(1, 10, Some(1), None));
        assert!(threshold_exceeded(2, 10, Some(1), None));
        assert!(!threshold_exceeded(1, 10, None, Some(10.0)));
        assert!(threshold_exceeded(2, 10, None, Some(10.0)));
        assert!(threshold_exceeded(2, 10, Some(5), Some(10.0)));
    }

    #[test]
    fn csv_fields_are_strings_and_rows_padded() {
        let mut s3 = S3::new();
        s3.put("b", "k.csv", "H1;H2\n1;\"a;b\"\n;\nx\n");
        let settings = ReaderSettings {
            input_type: Some(&InputType::Csv),
            delimiter: Some(&CsvDelimiter::Semicolon),
            ..ReaderSettings::default()
        };
        let params = json(r#"{"Bucket":"b","Key":"k.csv"}"#);
        let Ok(items) = read_items(
            &"arn:aws:states:::s3:getObject".parse().unwrap(),
            &settings,
            &params,
            &s3,
            0,
        ) else {
            panic!("read")
        };
        assert_eq!(
            items,
            [
                json(r#"{"H1":"1","H2":"a;b"}"#),
                json(r#"{"H1":"","H2":""}"#),
                json(r#"{"H1":"x","H2":""}"#)
            ]
        );
    }
}
