//! The checks of a Map state: inline and distributed.

use crate::enums::{
    CsvDelimiter, CsvHeaderLocation, ExecutionType, InputType, OutputType, ProcessorMode,
    Transformation,
};
use crate::expr::JsonataOr;
use crate::state::{ItemBatcher, ItemReader, Map, ResultWriter};

use super::super::rule::Rule;
use super::{Here, MAX_BATCH_BYTES, MAX_LABEL_CHARS, Only, Walk};

impl<'m> Walk<'m> {
    #[allow(
        clippy::too_many_lines,
        reason = "one check per Map field, in field order"
    )]
    pub(super) fn map(&mut self, here: &Here<'_>, s: &'m Map) {
        self.transition(here, s.next.as_ref(), s.end);
        self.input_output(here, s.input_path.as_ref(), s.output_path.as_ref());
        self.only(here, "ItemsPath", s.items_path.is_some(), Only::JsonPath);
        self.payload(here, "/Items", s.items.as_ref(), Only::Jsonata, false);
        self.payload(
            here,
            "/ItemSelector",
            s.item_selector.as_ref(),
            Only::Both,
            false,
        );
        self.payload(
            here,
            "/Parameters",
            s.parameters.as_ref(),
            Only::JsonPath,
            false,
        );
        self.exclusive(
            here,
            &[
                ("ItemSelector", s.item_selector.is_some()),
                ("Parameters", s.parameters.is_some()),
            ],
        );
        self.exclusive(
            here,
            &[
                ("ItemProcessor", s.item_processor.is_some()),
                ("Iterator", s.iterator.is_some()),
            ],
        );
        if s.item_processor.is_none() && s.iterator.is_none() {
            self.push(
                Rule::MissingField,
                here,
                "",
                "a Map state needs `ItemProcessor` (or the older `Iterator`)".to_owned(),
            );
        }
        self.results(
            here,
            s.result_selector.as_ref(),
            s.result_path.as_ref(),
            s.output.as_ref(),
            s.assign.as_ref(),
        );
        // Concurrency and tolerance.
        self.or_path(
            here,
            &[(
                "MaxConcurrency",
                s.max_concurrency.is_some(),
                s.max_concurrency_path.is_some(),
            )],
        );
        if let Some(n) = self.int_field(here, "/MaxConcurrency", s.max_concurrency.as_ref()) {
            self.range(Rule::MapRange, here, &"/MaxConcurrency", n, 0, None);
        }
        self.or_path(
            here,
            &[
                (
                    "ToleratedFailureCount",
                    s.tolerated_failure_count.is_some(),
                    s.tolerated_failure_count_path.is_some(),
                ),
                (
                    "ToleratedFailurePercentage",
                    s.tolerated_failure_percentage.is_some(),
                    s.tolerated_failure_percentage_path.is_some(),
                ),
            ],
        );
        if let Some(n) = self.int_field(
            here,
            "/ToleratedFailureCount",
            s.tolerated_failure_count.as_ref(),
        ) {
            self.range(Rule::MapRange, here, &"/ToleratedFailureCount", n, 0, None);
        }
        match &s.tolerated_failure_percentage {
            Some(JsonataOr::Literal(p))
                if !p.as_f64().is_some_and(|p| (0.0..=100.0).contains(&p)) =>
            {
                self.push(
                    Rule::MapRange,
                    here,
                    "/ToleratedFailurePercentage",
                    format!("`ToleratedFailurePercentage` is {p}; it must be 0 to 100"),
                );
            }
            Some(JsonataOr::Jsonata(j)) => {
                self.jsonata_field(here, "/ToleratedFailurePercentage", j.expression());
            }
            _ => {}
        }
        if let Some(label) = &s.label {
            self.label(here, label);
        }
        // Mode.
        let processor = s
            .item_processor
            .as_ref()
            .map(|p| ("/ItemProcessor", p))
            .or(s.iterator.as_ref().map(|p| ("/Iterator", p)));
        let config = processor.and_then(|(at, p)| p.processor_config.as_ref().map(|c| (at, c)));
        let mode = config.and_then(|(_, c)| c.mode.as_ref());
        let distributed = mode == Some(&ProcessorMode::Distributed);
        if let Some((at, config)) = config {
            if let Some(ProcessorMode::Unknown(v)) = &config.mode {
                self.push(
                    Rule::UnknownEnumValue,
                    here,
                    &format!("{at}/ProcessorConfig/Mode"),
                    format!("`{v}` is not a Map mode: use `INLINE` or `DISTRIBUTED`"),
                );
            }
            match &config.execution_type {
                Some(ExecutionType::Unknown(v)) => {
                    self.push(
                        Rule::UnknownEnumValue,
                        here,
                        &format!("{at}/ProcessorConfig/ExecutionType"),
                        format!("`{v}` is not an execution type: use `STANDARD` or `EXPRESS`"),
                    );
                }
                None if distributed => {
                    self.push(
                        Rule::DistributedExecutionType,
                        here,
                        &format!("{at}/ProcessorConfig"),
                        "a distributed Map needs `ExecutionType` (`STANDARD` or `EXPRESS`)"
                            .to_owned(),
                    );
                }
                Some(_) if !distributed => {
                    self.push(
                        Rule::DistributedOnlyField,
                        here,
                        &format!("{at}/ProcessorConfig/ExecutionType"),
                        "`ExecutionType` is for a distributed Map (`\"Mode\": \"DISTRIBUTED\"`)"
                            .to_owned(),
                    );
                }
                _ => {}
            }
        }
        if !distributed {
            for (field, set) in [
                ("ItemReader", s.item_reader.is_some()),
                ("ItemBatcher", s.item_batcher.is_some()),
                ("ResultWriter", s.result_writer.is_some()),
                ("ToleratedFailureCount", s.tolerated_failure_count.is_some()),
                (
                    "ToleratedFailureCountPath",
                    s.tolerated_failure_count_path.is_some(),
                ),
                (
                    "ToleratedFailurePercentage",
                    s.tolerated_failure_percentage.is_some(),
                ),
                (
                    "ToleratedFailurePercentagePath",
                    s.tolerated_failure_percentage_path.is_some(),
                ),
                ("Label", s.label.is_some()),
            ] {
                if set {
                    self.push(Rule::DistributedOnlyField, here, &format!("/{field}"), format!("`{field}` is for a distributed Map (`\"Mode\": \"DISTRIBUTED\"` in `ProcessorConfig`)"));
                }
            }
        }
        if let Some(r) = &s.item_reader {
            self.item_reader(here, r);
        }
        if let Some(b) = &s.item_batcher {
            self.item_batcher(here, b);
        }
        if let Some(w) = &s.result_writer {
            self.result_writer(here, w);
        }
        self.retry(here, s.retry.as_deref());
        self.catch(here, s.catch.as_deref());
    }

    pub(super) fn label(&mut self, here: &Here<'_>, label: &str) {
        let chars = label.chars().count();
        let bad = label.chars().find(|c| {
            c.is_whitespace()
                || c.is_control()
                || "<>{}[]?*\"#%\\^|~`$&,;:/".contains(*c)
                || ('\u{fffe}'..='\u{ffff}').contains(c)
        });
        if chars == 0 || chars > MAX_LABEL_CHARS {
            self.push(
                Rule::MapLabel,
                here,
                "/Label",
                format!("`Label` is {chars} characters long; AWS allows 1 to {MAX_LABEL_CHARS}"),
            );
        } else if let Some(c) = bad {
            self.push(
                Rule::MapLabel,
                here,
                "/Label",
                format!(
                    "`Label` `{label}` contains `{}`, which a label cannot",
                    c.escape_default()
                ),
            );
        }
    }

    pub(super) fn item_reader(&mut self, here: &Here<'_>, r: &'m ItemReader) {
        self.parameters_arguments(
            here,
            "/ItemReader",
            r.parameters.as_ref(),
            r.arguments.as_ref(),
        );
        self.resource(here, &r.resource);
        let Some(c) = &r.reader_config else { return };
        let at = "/ItemReader/ReaderConfig";
        let unknown = [
            (
                "InputType",
                c.input_type.as_ref().and_then(|v| match v {
                    InputType::Unknown(v) => Some(v),
                    _ => None,
                }),
            ),
            (
                "CSVHeaderLocation",
                c.csv_header_location.as_ref().and_then(|v| match v {
                    CsvHeaderLocation::Unknown(v) => Some(v),
                    _ => None,
                }),
            ),
            (
                "CSVDelimiter",
                c.csv_delimiter.as_ref().and_then(|v| match v {
                    CsvDelimiter::Unknown(v) => Some(v),
                    _ => None,
                }),
            ),
        ];
        for (field, value) in unknown {
            if let Some(v) = value {
                self.push(
                    Rule::UnknownEnumValue,
                    here,
                    &format!("{at}/{field}"),
                    format!("`{v}` is not a value of `{field}`"),
                );
            }
        }
        if c.csv_header_location == Some(CsvHeaderLocation::Given) && c.csv_headers.is_none() {
            self.push(
                Rule::MissingField,
                here,
                at,
                "`\"CSVHeaderLocation\": \"GIVEN\"` needs `CSVHeaders`".to_owned(),
            );
        }
        self.only_in(
            here,
            at,
            "MaxItemsPath",
            c.max_items_path.is_some(),
            Only::JsonPath,
        );
        self.exclusive(
            here,
            &[
                ("ItemReader/ReaderConfig/MaxItems", c.max_items.is_some()),
                (
                    "ItemReader/ReaderConfig/MaxItemsPath",
                    c.max_items_path.is_some(),
                ),
            ],
        );
        if let Some(n) = self.int_field(here, &format!("{at}/MaxItems"), c.max_items.as_ref()) {
            self.range(Rule::MapRange, here, &format!("{at}/MaxItems"), n, 0, None);
        }
    }

    pub(super) fn item_batcher(&mut self, here: &Here<'_>, b: &'m ItemBatcher) {
        let at = "/ItemBatcher";
        self.payload(
            here,
            "/ItemBatcher/BatchInput",
            b.batch_input.as_ref(),
            Only::Both,
            false,
        );
        for (field, set) in [
            ("MaxItemsPerBatchPath", b.max_items_per_batch_path.is_some()),
            (
                "MaxInputBytesPerBatchPath",
                b.max_input_bytes_per_batch_path.is_some(),
            ),
        ] {
            self.only_in(here, at, field, set, Only::JsonPath);
        }
        self.exclusive(
            here,
            &[
                (
                    "ItemBatcher/MaxItemsPerBatch",
                    b.max_items_per_batch.is_some(),
                ),
                (
                    "ItemBatcher/MaxItemsPerBatchPath",
                    b.max_items_per_batch_path.is_some(),
                ),
            ],
        );
        self.exclusive(
            here,
            &[
                (
                    "ItemBatcher/MaxInputBytesPerBatch",
                    b.max_input_bytes_per_batch.is_some(),
                ),
                (
                    "ItemBatcher/MaxInputBytesPerBatchPath",
                    b.max_input_bytes_per_batch_path.is_some(),
                ),
            ],
        );
        if let Some(n) = self.int_field(
            here,
            "/ItemBatcher/MaxItemsPerBatch",
            b.max_items_per_batch.as_ref(),
        ) {
            self.range(
                Rule::MapRange,
                here,
                &"/ItemBatcher/MaxItemsPerBatch",
                n,
                1,
                None,
            );
        }
        if let Some(n) = self.int_field(
            here,
            "/ItemBatcher/MaxInputBytesPerBatch",
            b.max_input_bytes_per_batch.as_ref(),
        ) {
            self.range(
                Rule::MapRange,
                here,
                &"/ItemBatcher/MaxInputBytesPerBatch",
                n,
                1,
                Some(MAX_BATCH_BYTES),
            );
        }
    }

    pub(super) fn result_writer(&mut self, here: &Here<'_>, w: &'m ResultWriter) {
        self.parameters_arguments(
            here,
            "/ResultWriter",
            w.parameters.as_ref(),
            w.arguments.as_ref(),
        );
        if let Some(r) = &w.resource {
            self.resource(here, r);
        }
        let Some(c) = &w.writer_config else { return };
        if let Some(OutputType::Unknown(v)) = &c.output_type {
            self.push(
                Rule::UnknownEnumValue,
                here,
                "/ResultWriter/WriterConfig/OutputType",
                format!("`{v}` is not an output type: use `JSON` or `JSONL`"),
            );
        }
        if let Some(Transformation::Unknown(v)) = &c.transformation {
            self.push(
                Rule::UnknownEnumValue,
                here,
                "/ResultWriter/WriterConfig/Transformation",
                format!("`{v}` is not a transformation: use `NONE`, `FLATTEN` or `COMPACT`"),
            );
        }
    }
}
