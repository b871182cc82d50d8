//! Paths into the context object (`$$`): `ctx::execution().name()` is
//! `$$.Execution.Name`, equal to `path!("$$.Execution.Name")`.
//!
//! ```
//! use asl_builder::{ctx, path};
//! assert_eq!(ctx::execution().name(), path!("$$.Execution.Name"));
//! assert_eq!(ctx::execution().id().to_string(), "$$.Execution.Id");
//! assert_eq!(ctx::execution().start_time().to_string(), "$$.Execution.StartTime");
//! assert_eq!(ctx::state().name().to_string(), "$$.State.Name");
//! assert_eq!(ctx::state_machine().id().to_string(), "$$.StateMachine.Id");
//! assert_eq!(ctx::map().item().index().to_string(), "$$.Map.Item.Index");
//! assert_eq!(ctx::map().item().value().to_string(), "$$.Map.Item.Value");
//! assert_eq!(ctx::task().token().to_string(), "$$.Task.Token");
//! ```

use asl_types::Path;

/// Declares a context-object node: a struct holding its path, `path()`,
/// `From<Node> for Path`, and one method per leaf field.
macro_rules! node {
    ($(#[$doc:meta])* $node:ident { $($(#[$leaf_doc:meta])* $method:ident => $field:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[must_use]
        pub struct $node(Path);

        impl $node {
            /// The path to this object itself.
            pub fn path(self) -> Path {
                self.0
            }

            $(
                $(#[$leaf_doc])*
                pub fn $method(self) -> Path {
                    self.0.field($field)
                }
            )*
        }

        impl From<$node> for Path {
            fn from(node: $node) -> Path {
                node.0
            }
        }
    };
}

node!(
    /// `$$.Execution`: the running execution.
    Execution {
        /// `$$.Execution.Id`: the execution's ARN.
        id => "Id",
        /// `$$.Execution.Input`: the execution's input.
        input => "Input",
        /// `$$.Execution.Name`
        name => "Name",
        /// `$$.Execution.RoleArn`
        role_arn => "RoleArn",
        /// `$$.Execution.StartTime`
        start_time => "StartTime",
        /// `$$.Execution.RedriveCount`
        redrive_count => "RedriveCount",
        /// `$$.Execution.RedriveTime`
        redrive_time => "RedriveTime",
    }
);

node!(
    /// `$$.State`: the current state.
    State {
        /// `$$.State.Name`
        name => "Name",
        /// `$$.State.EnteredTime`
        entered_time => "EnteredTime",
        /// `$$.State.RetryCount`
        retry_count => "RetryCount",
    }
);

node!(
    /// `$$.StateMachine`: the state machine running.
    StateMachine {
        /// `$$.StateMachine.Id`: the state machine's ARN.
        id => "Id",
        /// `$$.StateMachine.Name`
        name => "Name",
    }
);

node!(
    /// `$$.Task`: the current task.
    Task {
        /// `$$.Task.Token`: the task token of a `.waitForTaskToken` task.
        token => "Token",
    }
);

node!(
    /// `$$.Map.Item`: the item a Map iteration processes.
    MapItem {
        /// `$$.Map.Item.Index`: its index.
        index => "Index",
        /// `$$.Map.Item.Value`: the item itself.
        value => "Value",
    }
);

node!(
    /// `$$.Map`: inside a Map state's `ItemSelector`.
    Map {}
);

impl Map {
    /// `$$.Map.Item`
    pub fn item(self) -> MapItem {
        MapItem(self.0.field("Item"))
    }
}

/// `$$.Execution`
pub fn execution() -> Execution {
    Execution(Path::context().field("Execution"))
}

/// `$$.State`
pub fn state() -> State {
    State(Path::context().field("State"))
}

/// `$$.StateMachine`
pub fn state_machine() -> StateMachine {
    StateMachine(Path::context().field("StateMachine"))
}

/// `$$.Task`
pub fn task() -> Task {
    Task(Path::context().field("Task"))
}

/// `$$.Map`
pub fn map() -> Map {
    Map(Path::context().field("Map"))
}
