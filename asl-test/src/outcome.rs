//! What a run gives back: status, output or error, the states entered, and
//! the execution history in AWS's `GetExecutionHistory` shape.

use std::fmt;

use asl_types::{Json, JsonObject};

/// How an execution ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// `SUCCEEDED`
    Succeeded,
    /// `FAILED`
    Failed,
    /// `TIMED_OUT`: the machine's `TimeoutSeconds` passed on the virtual clock.
    TimedOut,
}

impl Status {
    /// The name AWS uses: `SUCCEEDED`, `FAILED` or `TIMED_OUT`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Succeeded => "SUCCEEDED",
            Status::Failed => "FAILED",
            Status::TimedOut => "TIMED_OUT",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One event of the execution history, as `GetExecutionHistory` returns
/// it: `id`, `previousEventId`, `timestamp`, `type` and one
/// `…EventDetails` member.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Event {
    /// 1, 2, 3, … in order.
    pub id: u64,
    /// The event this one follows (0 for the first).
    pub previous_event_id: u64,
    /// The virtual clock when it happened (RFC 3339, milliseconds).
    pub timestamp: String,
    /// AWS's event type: `ExecutionStarted`, `TaskStateEntered`, ….
    pub kind: &'static str,
    /// The details member's name (`stateEnteredEventDetails`, …) and value,
    /// when the event type has one.
    pub details: Option<(&'static str, Json)>,
}

impl Event {
    /// The event as AWS writes it.
    pub fn to_json(&self) -> Json {
        let mut o = JsonObject::new();
        o.insert("id".into(), Json::Number(self.id.into()));
        o.insert(
            "previousEventId".into(),
            Json::Number(self.previous_event_id.into()),
        );
        o.insert("timestamp".into(), Json::String(self.timestamp.clone()));
        o.insert("type".into(), Json::String(self.kind.into()));
        if let Some((name, details)) = &self.details {
            o.insert((*name).into(), details.clone());
        }
        Json::Object(o)
    }
}

/// The result of one execution.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Outcome {
    /// How it ended.
    pub status: Status,
    /// The execution output, when it succeeded.
    pub output: Option<Json>,
    /// The error name, when it failed or timed out.
    pub error: Option<String>,
    /// The cause, when it failed or timed out.
    pub cause: Option<String>,
    /// The names of the states entered, in order (nested ones included).
    pub path: Vec<String>,
    /// The history events (empty unless the run recorded history).
    pub history: Vec<Event>,
}

impl Outcome {
    /// Whether the execution succeeded.
    pub fn succeeded(&self) -> bool {
        self.status == Status::Succeeded
    }

    /// The line `asl run` prints: `{"status", "output"}` or `{"status",
    /// "error", "cause"}`, then `"path"`, and `"history"` when asked.
    pub fn to_json(&self, with_history: bool) -> Json {
        let mut o = JsonObject::new();
        o.insert("status".into(), Json::String(self.status.as_str().into()));
        if let Some(output) = &self.output {
            o.insert("output".into(), output.clone());
        }
        if self.status != Status::Succeeded {
            let text = |v: &Option<String>| v.clone().map_or(Json::Null, Json::String);
            o.insert("error".into(), text(&self.error));
            o.insert("cause".into(), text(&self.cause));
        }
        o.insert(
            "path".into(),
            Json::Array(self.path.iter().map(|s| Json::String(s.clone())).collect()),
        );
        if with_history {
            o.insert(
                "history".into(),
                Json::Array(self.history.iter().map(Event::to_json).collect()),
            );
        }
        Json::Object(o)
    }

    /// The types of the history events, in order.
    pub fn event_types(&self) -> Vec<&'static str> {
        self.history.iter().map(|e| e.kind).collect()
    }
}
