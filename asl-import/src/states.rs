//! The machine, its scopes and each state type.

use asl_types::sagemaker::reflect::{self, TypeInfo};
use asl_types::sagemaker::{SageMakerIntegration, SageMakerTask};
use asl_types::{
    Catcher, Choice, ChoiceRule, Condition, ErrorName, Fail, IntegrationPattern, ItemBatcher,
    ItemProcessor, ItemReader, Map, Operand, OperandKind, Operator, Parallel, Pass, Payload,
    QueryLanguage, Resource, ResultWriter, Retrier, State, StateMachine, StateName, States,
    Succeed, Task, Wait,
};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::values::{int_lit, str_lit};
use crate::{Gen, Module};

/// Where a state is: its name and its pointer.
struct At<'a> {
    name: &'a str,
    pointer: String,
}

impl At<'_> {
    fn field(&self, field: &str) -> String {
        format!("{}/{field}", self.pointer)
    }
}

fn escape_pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

pub(crate) fn machine(g: &mut Gen, m: &StateMachine) {
    let smb = g.name(Module::Builder, "StateMachineBuilder");
    let mut init = quote!(#smb::new());
    if let Some(c) = &m.comment {
        init.extend(quote!(.comment(#c)));
    }
    if let Some(ql) = m.query_language {
        let ql = query_language(g, ql);
        init.extend(quote!(.query_language(#ql)));
    }
    if let Some(v) = &m.version {
        init.extend(quote!(.version(#v)));
    }
    if let Some(t) = m.timeout_seconds {
        if t.is_negative_zero() {
            g.gap(
                None,
                "/TimeoutSeconds",
                "`-0` (the builder writes integers)",
            );
        } else {
            let lit = int_lit(t.get());
            init.extend(quote!(.timeout_seconds(#lit)));
        }
    }
    let sm = format_ident!("sm");
    g.body.push(quote!(let mut #sm = #init;));
    let language = m.query_language.unwrap_or(QueryLanguage::JsonPath);
    scope(g, &sm, &m.start_at, &m.states, "", language);
    g.body.push(quote!(#sm.build()));
}

fn query_language(g: &mut Gen, ql: QueryLanguage) -> TokenStream {
    let ty = g.name(Module::Types, "QueryLanguage");
    match ql {
        QueryLanguage::JsonPath => quote!(#ty::JsonPath),
        QueryLanguage::Jsonata => quote!(#ty::Jsonata),
    }
}

/// A builder of its own (a branch or item processor): a function `var()`
/// returning it, with its states and transitions, called where it is used.
#[allow(
    clippy::too_many_arguments,
    reason = "the scope's parts, as the state has them"
)]
fn nested(
    g: &mut Gen,
    var: &Ident,
    what: &str,
    comment: Option<&String>,
    start_at: &StateName,
    states: &States,
    pointer: &str,
    language: QueryLanguage,
) {
    let smb = g.name(Module::Builder, "StateMachineBuilder");
    let comment = comment.map(|c| quote!(.comment(#c)));
    let outer = std::mem::take(&mut g.body);
    // The function's place: after its parent's, before its children's.
    let slot = g.items.len();
    g.items.push(TokenStream::new());
    let sm = format_ident!("sm");
    g.body.push(quote!(let mut #sm = #smb::new() #comment;));
    scope(g, &sm, start_at, states, pointer, language);
    g.body.push(quote!(#sm));
    let body = std::mem::replace(&mut g.body, outer);
    let doc = format!(" {what}.");
    g.items[slot] = quote! {
        #[doc = #doc]
        fn #var() -> #smb {
            #(#body)*
        }
    };
}

/// The states of one scope, then its transitions in one chain.
#[allow(
    clippy::too_many_lines,
    reason = "each state, then each transition, in order"
)]
fn scope(
    g: &mut Gen,
    sm: &Ident,
    start_at: &StateName,
    states: &States,
    pointer: &str,
    language: QueryLanguage,
) {
    let mut handles: Vec<(&StateName, Ident)> = Vec::new();
    for (name, state) in states {
        let at = At {
            name: name.as_str(),
            pointer: format!("{pointer}/States/{}", escape_pointer(name.as_str())),
        };
        let constant = g.names.constant(name.as_str());
        let handle = g.names.variable(name.as_str());
        let here = state.query_language().unwrap_or(language);
        let call = match state {
            State::Task(t) => task(g, t, &at, here),
            State::Pass(p) => pass(g, p, &at),
            State::Choice(c) => choice(g, c, &at),
            State::Wait(w) => wait(g, w, &at),
            State::Succeed(s) => succeed(g, s, &at),
            State::Fail(f) => fail(g, f, &at),
            State::Parallel(p) => parallel(g, p, &at, here),
            State::Map(m) => map(g, m, &at, here),
            other => {
                g.gap(
                    Some(at.name),
                    &at.pointer,
                    format!("a {} state", other.type_name()),
                );
                continue;
            }
        };
        let (method, spec) = call;
        let method = format_ident!("{method}");
        let spec = spec.map(|s| quote!(, #s));
        g.body
            .push(quote!(let #handle = #sm.#method(#constant #spec);));
        handles.push((name, handle));
    }
    let handle_of = |name: &StateName| {
        handles
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, h)| h.clone())
    };
    let mut chain = Vec::new();
    match handle_of(start_at) {
        Some(h) => chain.push(quote!(.start_at(#h))),
        None => g.gap(
            None,
            &format!("{pointer}/StartAt"),
            format!("`StartAt` names `{start_at}`, which is not in this scope"),
        ),
    }
    for (name, state) in states {
        let Some(h) = handle_of(name) else { continue };
        let at = format!("{pointer}/States/{}", escape_pointer(name.as_str()));
        let (next, end) = match state {
            State::Task(s) => (s.next.as_ref(), s.end),
            State::Pass(s) => (s.next.as_ref(), s.end),
            State::Wait(s) => (s.next.as_ref(), s.end),
            State::Parallel(s) => (s.next.as_ref(), s.end),
            State::Map(s) => (s.next.as_ref(), s.end),
            _ => (None, None),
        };
        if let Some(next) = next {
            match handle_of(next) {
                Some(to) => chain.push(quote!(.next(#h, #to))),
                None => g.gap(
                    Some(name.as_str()),
                    &format!("{at}/Next"),
                    format!("`Next` names `{next}`, which is not in this scope"),
                ),
            }
        }
        match end {
            Some(true) => chain.push(quote!(.end(#h))),
            Some(false) => g.gap(
                Some(name.as_str()),
                &format!("{at}/End"),
                "`\"End\": false` (the builder writes `End` only as `true`)",
            ),
            None => {}
        }
        let catchers = match state {
            State::Task(s) => s.catch.as_deref(),
            State::Parallel(s) => s.catch.as_deref(),
            State::Map(s) => s.catch.as_deref(),
            _ => None,
        };
        for (i, c) in catchers.unwrap_or_default().iter().enumerate() {
            let spec = catch(g, c);
            match handle_of(&c.next) {
                Some(to) => chain.push(quote!(.catch(#h, #spec, #to))),
                None => g.gap(
                    Some(name.as_str()),
                    &format!("{at}/Catch/{i}/Next"),
                    format!("`Next` names `{}`, which is not in this scope", c.next),
                ),
            }
        }
        if let State::Choice(c) = state {
            for (i, rule) in c.choices.iter().enumerate() {
                let rule_at = format!("{at}/Choices/{i}");
                let Some(to) = handle_of(&rule.next) else {
                    g.gap(
                        Some(name.as_str()),
                        &format!("{rule_at}/Next"),
                        format!("`Next` names `{}`, which is not in this scope", rule.next),
                    );
                    continue;
                };
                chain.push(when(g, &h, rule, &to));
            }
            if let Some(default) = &c.default {
                match handle_of(default) {
                    Some(to) => chain.push(quote!(.otherwise(#h, #to))),
                    None => g.gap(
                        Some(name.as_str()),
                        &format!("{at}/Default"),
                        format!("`Default` names `{default}`, which is not in this scope"),
                    ),
                }
            }
        }
    }
    if !chain.is_empty() {
        g.body.push(quote!(#sm #(#chain)*;));
    }
}

/// A setter call for each field that is set.
macro_rules! set {
    ($spec:ident, $value:expr, |$v:ident| $tokens:expr, $method:ident) => {
        if let Some($v) = $value {
            let value = $tokens;
            $spec.extend(quote!(.$method(#value)));
        }
    };
}

/// The fields every state type but Fail shares, in ASL's order, for specs
/// with those setters.
fn common_io(
    g: &mut Gen,
    spec: &mut TokenStream,
    comment: Option<&String>,
    language: Option<QueryLanguage>,
    input_path: Option<&asl_types::Nullable<asl_types::Path>>,
) {
    set!(spec, comment, |c| str_lit(c), comment);
    set!(spec, language, |l| query_language(g, l), query_language);
    set!(spec, input_path, |p| g.nullable_path(p), input_path);
}

fn payload_field(
    g: &mut Gen,
    at: &At<'_>,
    language: QueryLanguage,
    parameters: Option<&Payload>,
    arguments: Option<&Payload>,
) -> Option<TokenStream> {
    match (language, parameters, arguments) {
        (_, None, None) => None,
        (QueryLanguage::JsonPath, Some(p), None) | (QueryLanguage::Jsonata, None, Some(p)) => {
            Some(g.payload(p))
        }
        _ => {
            g.gap(
                Some(at.name),
                &at.pointer,
                "`Parameters` in a JSONata state or `Arguments` in a JSONPath state (the builder writes the payload for the state's query language)",
            );
            None
        }
    }
}

fn task(
    g: &mut Gen,
    t: &Task,
    at: &At<'_>,
    language: QueryLanguage,
) -> (&'static str, Option<TokenStream>) {
    let task_spec = g.name(Module::Builder, "TaskSpec");
    let typed = typed_sagemaker(g, t);
    let mut spec = if let Some(call) = typed {
        quote!(#task_spec::from(#call))
    } else if let Some(call) = lambda_invoke(g, t, language) {
        call
    } else {
        let payload = payload_field(g, at, language, t.parameters.as_ref(), t.arguments.as_ref());
        let resource = resource(g, &t.resource);
        let payload = payload.map(|p| quote!(.payload(#p)));
        quote!(#task_spec::new(#resource) #payload)
    };
    common_io(
        g,
        &mut spec,
        t.comment.as_ref(),
        t.query_language,
        t.input_path.as_ref(),
    );
    set!(spec, &t.credentials, |p| g.payload(p), credentials);
    set!(spec, &t.result_selector, |p| g.payload(p), result_selector);
    set!(
        spec,
        &t.result_path,
        |p| g.nullable_ref_path(p),
        result_path
    );
    set!(spec, &t.output_path, |p| g.nullable_path(p), output_path);
    set!(spec, &t.output, |p| g.payload(p), output);
    set!(spec, &t.assign, |p| g.payload(p), assign);
    integer_field(
        g,
        &mut spec,
        at,
        "TimeoutSeconds",
        t.timeout_seconds.as_ref(),
        "timeout_seconds",
    );
    set!(
        spec,
        &t.timeout_seconds_path,
        |p| g.ref_path(p),
        timeout_seconds_path
    );
    integer_field(
        g,
        &mut spec,
        at,
        "HeartbeatSeconds",
        t.heartbeat_seconds.as_ref(),
        "heartbeat_seconds",
    );
    set!(
        spec,
        &t.heartbeat_seconds_path,
        |p| g.ref_path(p),
        heartbeat_seconds_path
    );
    retries(g, &mut spec, at, t.retry.as_deref());
    ("task", Some(spec))
}

fn integer_field(
    g: &mut Gen,
    spec: &mut TokenStream,
    at: &At<'_>,
    field: &str,
    value: Option<&asl_types::JsonataOr<asl_types::Integer>>,
    method: &str,
) {
    let method = format_ident!("{method}");
    if let Some(v) = value {
        match g.integer_or_jsonata(v) {
            Some(v) => spec.extend(quote!(.#method(#v))),
            None => g.gap(
                Some(at.name),
                &at.field(field),
                "`-0` (the builder writes integers)",
            ),
        }
    }
}

fn retries(g: &mut Gen, spec: &mut TokenStream, at: &At<'_>, retry: Option<&[Retrier]>) {
    for (i, r) in retry.unwrap_or_default().iter().enumerate() {
        let retry = g.name(Module::Builder, "Retry");
        let errors = error_list(g, &r.error_equals);
        let mut tokens = quote!(#retry::on(#errors));
        for (field, value, method) in [
            (
                "IntervalSeconds",
                r.interval_seconds,
                quote!(interval_seconds),
            ),
            ("MaxAttempts", r.max_attempts, quote!(max_attempts)),
            (
                "MaxDelaySeconds",
                r.max_delay_seconds,
                quote!(max_delay_seconds),
            ),
        ] {
            if let Some(v) = value {
                match crate::values::integer(v) {
                    Some(v) => tokens.extend(quote!(.#method(#v))),
                    None => g.gap(
                        Some(at.name),
                        &at.field(&format!("Retry/{i}/{field}")),
                        "`-0` (the builder writes integers)",
                    ),
                }
            }
        }
        set!(tokens, &r.backoff_rate, |n| g.number_arg(n), backoff_rate);
        if let Some(j) = &r.jitter_strategy {
            let ty = g.name(Module::Types, "JitterStrategy");
            let v = open_enum(&ty, &format!("{j:?}"), &j.to_string());
            tokens.extend(quote!(.jitter_strategy(#v)));
        }
        set!(tokens, &r.comment, |c| str_lit(c), comment);
        spec.extend(quote!(.retry(#tokens)));
    }
}

/// `Enum::Variant` (from its `Debug` name), or `Enum::from("text")` for an unknown value.
fn open_enum(ty: &TokenStream, debug: &str, text: &str) -> TokenStream {
    if debug.chars().all(|c| c.is_ascii_alphanumeric()) {
        let v = format_ident!("{debug}");
        quote!(#ty::#v)
    } else {
        quote!(#ty::from(#text))
    }
}

/// `["A", "B"]`, or `[ErrorName::Timeout, …]` when a predefined error is among them.
fn error_list(g: &mut Gen, errors: &[ErrorName]) -> TokenStream {
    let predefined = errors.iter().any(|e| !matches!(e, ErrorName::Custom(_)));
    if !predefined {
        let items = errors.iter().map(|e| str_lit(e.as_str()));
        return quote!([#(#items),*]);
    }
    let ty = g.name(Module::Types, "ErrorName");
    let items = errors.iter().map(|e| match e {
        ErrorName::Custom(c) => quote!(#ty::from(#c)),
        other => {
            let v = format_ident!("{}", format!("{other:?}"));
            quote!(#ty::#v)
        }
    });
    quote!([#(#items),*])
}

fn catch(g: &mut Gen, c: &Catcher) -> TokenStream {
    let ty = g.name(Module::Builder, "Catch");
    let mut tokens = if c.error_equals == [ErrorName::All] {
        quote!(#ty::all())
    } else {
        let errors = error_list(g, &c.error_equals);
        quote!(#ty::on(#errors))
    };
    set!(
        tokens,
        &c.result_path,
        |p| g.nullable_ref_path(p),
        result_path
    );
    set!(tokens, &c.output, |p| g.payload(p), output);
    set!(tokens, &c.assign, |p| g.payload(p), assign);
    set!(tokens, &c.comment, |c| str_lit(c), comment);
    tokens
}

fn resource(g: &mut Gen, r: &Resource) -> TokenStream {
    match r {
        Resource::Integration {
            partition,
            service,
            action,
            pattern,
        } if partition == "aws" && Resource::integration(service, action, *pattern) == *r => {
            let ty = g.name(Module::Types, "Resource");
            let p = g.name(Module::Types, "IntegrationPattern");
            let v = format_ident!("{}", format!("{pattern:?}"));
            quote!(#ty::integration(#service, #action, #p::#v))
        }
        Resource::Sdk {
            partition,
            service,
            action,
            pattern: IntegrationPattern::RequestResponse,
        } if partition == "aws" && Resource::sdk(service, action) == *r => {
            let ty = g.name(Module::Types, "Resource");
            quote!(#ty::sdk(#service, #action))
        }
        other => str_lit(&other.to_string()),
    }
}

/// A `Resource` expression (not `impl Into<Resource>`).
fn resource_value(g: &mut Gen, r: &Resource) -> TokenStream {
    let tokens = resource(g, r);
    if matches!(r, Resource::Integration { .. } | Resource::Sdk { .. })
        && !tokens.to_string().starts_with('"')
    {
        tokens
    } else {
        let ty = g.name(Module::Types, "Resource");
        quote!(#ty::from(#tokens))
    }
}

/// `TaskSpec::lambda_invoke(function, payload)` for a Lambda invoke whose
/// payload is exactly `FunctionName` then `Payload`.
fn lambda_invoke(g: &mut Gen, t: &Task, language: QueryLanguage) -> Option<TokenStream> {
    if t.resource != Resource::integration("lambda", "invoke", IntegrationPattern::RequestResponse)
    {
        return None;
    }
    let ((QueryLanguage::JsonPath, Some(payload), None)
    | (QueryLanguage::Jsonata, None, Some(payload))) = (language, &t.parameters, &t.arguments)
    else {
        return None;
    };
    let Payload::Object(members) = payload else {
        return None;
    };
    let keys: Vec<&str> = members.keys().map(String::as_str).collect();
    if keys != ["FunctionName", "Payload"] {
        return None;
    }
    let function = g.payload(&members["FunctionName"]);
    let payload = g.payload(&members["Payload"]);
    let ty = g.name(Module::Builder, "TaskSpec");
    Some(quote!(#ty::lambda_invoke(#function, #payload)))
}

/// The typed request of an optimized SageMaker task: `CreateX::builder()…build().run_sync()`.
fn typed_sagemaker(g: &mut Gen, t: &Task) -> Option<TokenStream> {
    let Ok(typed) = SageMakerTask::try_from(t) else {
        return None;
    };
    let api = typed.api();
    let call = match (typed.integration, typed.pattern) {
        (SageMakerIntegration::Optimized, IntegrationPattern::Sync) => quote!(run_sync),
        (SageMakerIntegration::Optimized, IntegrationPattern::RequestResponse) => {
            quote!(request_response)
        }
        (SageMakerIntegration::Sdk, IntegrationPattern::RequestResponse) => quote!(sdk),
        _ => return None,
    };
    let expected = match typed.integration {
        SageMakerIntegration::Optimized => api.resource(typed.pattern),
        SageMakerIntegration::Sdk => api.sdk_resource(),
    };
    if expected != t.resource {
        return None;
    }
    let payload = t.parameters.as_ref().or(t.arguments.as_ref())?;
    let Payload::Object(members) = payload else {
        return None;
    };
    // Tried on a copy first, so a member that does not fit leaves no imports behind.
    shape(&mut probe(g), api.name(), members)?;
    let request = shape(g, api.name(), members)?;
    g.name(Module::SageMaker, "SageMakerOperation");
    Some(quote!(#request.#call()))
}

/// A generator that records nothing in `g` (for trying a form).
fn probe(g: &Gen) -> Gen {
    Gen {
        uses: g.uses.clone(),
        names: crate::names::Names::default(),
        gaps: Vec::new(),
        body: Vec::new(),
        items: Vec::new(),
        parses: false,
    }
}

/// A SageMaker struct: `X::builder().a(..).build()`, `X::new(required)…`, `X::new()…`.
fn shape(
    g: &mut Gen,
    type_name: &str,
    members: &indexmap::IndexMap<String, Payload>,
) -> Option<TokenStream> {
    let info = reflect::shape(type_name)?;
    for key in members.keys() {
        info.member(key)?;
    }
    let required: Vec<_> = info.required().collect();
    if required.iter().any(|m| !members.contains_key(m.name)) {
        return None;
    }
    let ty = g.name(Module::SageMaker, type_name);
    let mut setters = Vec::new();
    let mut new_arg = None;
    for (key, value) in members {
        let m = info.member(key)?;
        let v = member_value(g, m.ty, value)?;
        if !info.builder && m.required {
            new_arg = Some(v);
            continue;
        }
        let setter = setter_ident(m.field);
        setters.push(quote!(.#setter(#v)));
    }
    Some(if info.builder {
        quote!(#ty::builder() #(#setters)* .build())
    } else {
        quote!(#ty::new(#new_arg) #(#setters)*)
    })
}

fn setter_ident(field: &str) -> Ident {
    match field.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, proc_macro2::Span::call_site()),
        None => format_ident!("{field}"),
    }
}

/// A member's value for `impl Into<Value<T>>`.
fn member_value(g: &mut Gen, ty: &TypeInfo, value: &Payload) -> Option<TokenStream> {
    if let Payload::Expr(e) = value {
        return Some(g.expr(e));
    }
    match (ty, value) {
        (TypeInfo::Struct(name), Payload::Object(members)) => shape(g, name, members),
        (TypeInfo::Enum(name), Payload::String(s)) => {
            let ty = g.name(Module::SageMaker, name);
            Some(if let Some(v) = reflect::variant(name, s) {
                let v = format_ident!("{v}");
                quote!(#ty::#v)
            } else {
                quote!(#ty::Unknown(#s.to_owned()))
            })
        }
        (TypeInfo::String, Payload::String(s)) => Some(str_lit(s)),
        (TypeInfo::Boolean, Payload::Bool(b)) => Some(quote!(#b)),
        (TypeInfo::Integer, Payload::Number(n)) => {
            let i = i32::try_from(n.as_i64()?).ok()?;
            (asl_types::Number::from(i) == *n).then(|| int_lit(i.into()))
        }
        (TypeInfo::Long, Payload::Number(n)) => {
            let i = n.as_i64()?;
            (asl_types::Number::from(i) == *n).then(|| crate::values::int_lit_typed(i, true))
        }
        (TypeInfo::Number, Payload::Number(n)) => Some(
            match n.as_i64().filter(|i| asl_types::Number::from(*i) == *n) {
                Some(i) => int_lit(i),
                None => g.parsed(Module::Types, "Number", n.as_str()),
            },
        ),
        (TypeInfo::List(inner), Payload::Array(items)) => {
            if items.is_empty() {
                return Some(quote!(Vec::new()));
            }
            if items
                .iter()
                .any(|i| matches!(i, Payload::Expr(e) if e.needs_dollar_key()))
            {
                // A path or call cannot be a list element.
                return None;
            }
            let values = items
                .iter()
                .map(|i| member_value(g, inner, i))
                .collect::<Option<Vec<_>>>()?;
            Some(uniform_array(
                g,
                &values,
                items.iter().any(|i| matches!(i, Payload::Expr(_))),
            ))
        }
        (TypeInfo::Map(inner), Payload::Object(members)) => {
            if members.is_empty() {
                let ty = g.name(Module::Types, "DynMap");
                return Some(quote!(#ty::default()));
            }
            let mixed = members.values().any(|v| matches!(v, Payload::Expr(_)));
            let entries = members
                .iter()
                .map(|(k, v)| {
                    let v = member_value(g, inner, v)?;
                    let v = if mixed {
                        let value = g.name(Module::Types, "Value");
                        quote!(#value::from(#v))
                    } else {
                        v
                    };
                    Some(quote!((#k, #v)))
                })
                .collect::<Option<Vec<_>>>()?;
            Some(quote!([#(#entries),*]))
        }
        _ => None,
    }
}

/// `[a, b]`, each wrapped in `Value::from` when literals and expressions mix.
fn uniform_array(g: &mut Gen, values: &[TokenStream], mixed: bool) -> TokenStream {
    if mixed {
        let value = g.name(Module::Types, "Value");
        quote!([#(#value::from(#values)),*])
    } else {
        quote!([#(#values),*])
    }
}

fn pass(g: &mut Gen, p: &Pass, at: &At<'_>) -> (&'static str, Option<TokenStream>) {
    let ty = g.name(Module::Builder, "PassSpec");
    let mut spec = quote!(#ty::new());
    common_io(
        g,
        &mut spec,
        p.comment.as_ref(),
        p.query_language,
        p.input_path.as_ref(),
    );
    set!(spec, &p.parameters, |v| g.payload(v), parameters);
    set!(spec, &p.result, |v| g.json(v), result);
    set!(
        spec,
        &p.result_path,
        |v| g.nullable_ref_path(v),
        result_path
    );
    set!(spec, &p.output_path, |v| g.nullable_path(v), output_path);
    set!(spec, &p.output, |v| g.payload(v), output);
    set!(spec, &p.assign, |v| g.payload(v), assign);
    let _ = at;
    ("pass", Some(spec))
}

fn choice(g: &mut Gen, c: &Choice, _at: &At<'_>) -> (&'static str, Option<TokenStream>) {
    let mut spec = TokenStream::new();
    common_io(
        g,
        &mut spec,
        c.comment.as_ref(),
        c.query_language,
        c.input_path.as_ref(),
    );
    set!(spec, &c.output_path, |v| g.nullable_path(v), output_path);
    set!(spec, &c.output, |v| g.payload(v), output);
    set!(spec, &c.assign, |v| g.payload(v), assign);
    if spec.is_empty() {
        ("choice", None)
    } else {
        let ty = g.name(Module::Builder, "ChoiceSpec");
        ("choice_with", Some(quote!(#ty::new() #spec)))
    }
}

fn when(g: &mut Gen, h: &Ident, rule: &ChoiceRule, to: &Ident) -> TokenStream {
    let cond = condition(g, &rule.condition);
    if rule.comment.is_none() && rule.assign.is_none() && rule.output.is_none() {
        return quote!(.when(#h, #cond, #to));
    }
    let mut sets = Vec::new();
    if let Some(c) = &rule.comment {
        sets.push(quote!(rule.comment = Some(#c.to_owned());));
    }
    if let Some(a) = &rule.assign {
        let a = g.payload_value(a);
        sets.push(quote!(rule.assign = Some(#a);));
    }
    if let Some(o) = &rule.output {
        let o = g.payload_value(o);
        sets.push(quote!(rule.output = Some(#o);));
    }
    quote!(.when_rule(#h, #cond, #to, |mut rule| { #(#sets)* rule }))
}

fn condition(g: &mut Gen, c: &Condition) -> TokenStream {
    let cond = g.name(Module::Builder, "cond");
    match c {
        Condition::And(cs) | Condition::Or(cs) => {
            let f = if matches!(c, Condition::And(_)) {
                quote!(and)
            } else {
                quote!(or)
            };
            let items: Vec<_> = cs.iter().map(|c| condition(g, c)).collect();
            quote!(#cond::#f([#(#items),*]))
        }
        Condition::Not(inner) => {
            let inner = condition(g, inner);
            quote!(#cond::not(#inner))
        }
        Condition::Jsonata(j) => {
            let inner = j.expression();
            match inner.strip_prefix(' ').and_then(|s| s.strip_suffix(' ')) {
                Some(e) if asl_types::Jsonata::new(e) == *j => {
                    let lit = str_lit(e);
                    quote!(#cond::jsonata(#lit))
                }
                _ => {
                    let ty = g.name(Module::Types, "Condition");
                    let j = g.jsonata(j);
                    quote!(#ty::Jsonata(#j))
                }
            }
        }
        Condition::Constant(b) => {
            let ty = g.name(Module::Types, "Condition");
            quote!(#ty::Constant(#b))
        }
        Condition::Commented {
            comment,
            condition: inner,
        } => {
            let ty = g.name(Module::Types, "Condition");
            let inner = condition(g, inner);
            quote!(#ty::Commented { comment: #comment.to_owned(), condition: Box::new(#inner) })
        }
        Condition::Compare {
            variable,
            operator,
            operand,
        } => compare(g, variable, *operator, operand),
    }
}

fn compare(
    g: &mut Gen,
    variable: &asl_types::Path,
    op: Operator,
    operand: &Operand,
) -> TokenStream {
    let cond = g.name(Module::Builder, "cond");
    let var = g.path(variable);
    let f = format_ident!("{}", snake(op.name()));
    let fits = matches!(
        (op.operand_kind(), operand),
        (
            OperandKind::String | OperandKind::Timestamp,
            Operand::String(_)
        ) | (OperandKind::Number, Operand::Number(_))
            | (OperandKind::Bool, Operand::Bool(_))
            | (OperandKind::Path, Operand::Path(_))
    );
    if fits {
        let value = match operand {
            Operand::String(s) => str_lit(s),
            Operand::Number(n) => g.number_arg(n),
            Operand::Bool(b) => quote!(#b),
            Operand::Path(p) => g.path(p),
        };
        return quote!(#cond::#f(#var, #value));
    }
    // An operand of another type than the operator's (the validator's to judge).
    let condition = g.name(Module::Types, "Condition");
    let operator = g.name(Module::Types, "Operator");
    let operand_ty = g.name(Module::Types, "Operand");
    let o = format_ident!("{}", op.name());
    let value = match operand {
        Operand::String(s) => quote!(#operand_ty::String(#s.to_owned())),
        Operand::Number(n) => {
            let n = g.number(n);
            quote!(#operand_ty::Number(#n))
        }
        Operand::Bool(b) => quote!(#operand_ty::Bool(#b)),
        Operand::Path(p) => {
            let p = g.path(p);
            quote!(#operand_ty::Path(#p))
        }
    };
    quote!(#condition::compare(#var, #operator::#o, #value))
}

fn snake(name: &str) -> String {
    use heck::ToSnakeCase;
    name.to_snake_case()
}

fn wait(g: &mut Gen, w: &Wait, at: &At<'_>) -> (&'static str, Option<TokenStream>) {
    let ty = g.name(Module::Builder, "WaitSpec");
    let mut spec = if let Some(s) = &w.seconds {
        if let Some(v) = g.integer_or_jsonata(s) {
            quote!(#ty::seconds(#v))
        } else {
            g.gap(
                Some(at.name),
                &at.field("Seconds"),
                "`-0` (the builder writes integers)",
            );
            quote!()
        }
    } else if let Some(t) = &w.timestamp {
        let v = g.string_or_jsonata(t);
        quote!(#ty::timestamp(#v))
    } else if let Some(p) = &w.seconds_path {
        let v = g.ref_path(p);
        quote!(#ty::seconds_path(#v))
    } else if let Some(p) = &w.timestamp_path {
        let v = g.ref_path(p);
        quote!(#ty::timestamp_path(#v))
    } else {
        g.gap(
            Some(at.name),
            &at.pointer,
            "a Wait state without `Seconds`, `Timestamp`, `SecondsPath` or `TimestampPath`",
        );
        quote!()
    };
    let ways = [
        w.seconds.is_some(),
        w.timestamp.is_some(),
        w.seconds_path.is_some(),
        w.timestamp_path.is_some(),
    ];
    if ways.iter().filter(|b| **b).count() > 1 {
        g.gap(
            Some(at.name),
            &at.pointer,
            "a Wait state with two ways to wait (the builder takes one)",
        );
    }
    common_io(
        g,
        &mut spec,
        w.comment.as_ref(),
        w.query_language,
        w.input_path.as_ref(),
    );
    set!(spec, &w.output_path, |v| g.nullable_path(v), output_path);
    set!(spec, &w.output, |v| g.payload(v), output);
    set!(spec, &w.assign, |v| g.payload(v), assign);
    ("wait", Some(spec))
}

fn succeed(g: &mut Gen, s: &Succeed, _at: &At<'_>) -> (&'static str, Option<TokenStream>) {
    let mut spec = TokenStream::new();
    common_io(
        g,
        &mut spec,
        s.comment.as_ref(),
        s.query_language,
        s.input_path.as_ref(),
    );
    set!(spec, &s.output_path, |v| g.nullable_path(v), output_path);
    set!(spec, &s.output, |v| g.payload(v), output);
    if spec.is_empty() {
        ("succeed", None)
    } else {
        let ty = g.name(Module::Builder, "SucceedSpec");
        ("succeed_with", Some(quote!(#ty::new() #spec)))
    }
}

fn fail(g: &mut Gen, f: &Fail, _at: &At<'_>) -> (&'static str, Option<TokenStream>) {
    let ty = g.name(Module::Builder, "FailSpec");
    let mut spec = match (&f.error, &f.cause) {
        (Some(asl_types::JsonataOr::Literal(e)), Some(asl_types::JsonataOr::Literal(c))) => {
            quote!(#ty::new(#e, #c))
        }
        (error, cause) => {
            let mut spec = quote!(#ty::default());
            set!(spec, error, |e| g.string_or_jsonata(e), error);
            set!(spec, cause, |c| g.string_or_jsonata(c), cause);
            spec
        }
    };
    set!(spec, &f.error_path, |e| g.expr(&e.0), error_path);
    set!(spec, &f.cause_path, |e| g.expr(&e.0), cause_path);
    set!(spec, &f.comment, |c| str_lit(c), comment);
    set!(
        spec,
        f.query_language,
        |l| query_language(g, l),
        query_language
    );
    ("fail", Some(spec))
}

fn parallel(
    g: &mut Gen,
    p: &Parallel,
    at: &At<'_>,
    language: QueryLanguage,
) -> (&'static str, Option<TokenStream>) {
    let ty = g.name(Module::Builder, "ParallelSpec");
    let mut spec = quote!(#ty::new());
    for (i, b) in p.branches.iter().enumerate() {
        let var = g.names.variable(&format!("{} branch {}", at.name, i + 1));
        let what = format!("Branch {} of `{}`", i + 1, at.name.replace('`', "'"));
        nested(
            g,
            &var,
            &what,
            b.comment.as_ref(),
            &b.start_at,
            &b.states,
            &at.field(&format!("Branches/{i}")),
            language,
        );
        spec.extend(quote!(.branch(#var())));
    }
    if let Some(payload) =
        payload_field(g, at, language, p.parameters.as_ref(), p.arguments.as_ref())
    {
        spec.extend(quote!(.payload(#payload)));
    }
    common_io(
        g,
        &mut spec,
        p.comment.as_ref(),
        p.query_language,
        p.input_path.as_ref(),
    );
    set!(spec, &p.result_selector, |v| g.payload(v), result_selector);
    set!(
        spec,
        &p.result_path,
        |v| g.nullable_ref_path(v),
        result_path
    );
    set!(spec, &p.output_path, |v| g.nullable_path(v), output_path);
    set!(spec, &p.output, |v| g.payload(v), output);
    set!(spec, &p.assign, |v| g.payload(v), assign);
    retries(g, &mut spec, at, p.retry.as_deref());
    ("parallel", Some(spec))
}

#[allow(
    clippy::too_many_lines,
    reason = "one setter per Map field, in ASL's order"
)]
fn map(
    g: &mut Gen,
    m: &Map,
    at: &At<'_>,
    language: QueryLanguage,
) -> (&'static str, Option<TokenStream>) {
    let ty = g.name(Module::Builder, "MapSpec");
    let (processor, field, iterator): (&ItemProcessor, &str, bool) =
        match (&m.item_processor, &m.iterator) {
            (Some(p), None) => (p, "ItemProcessor", false),
            (None, Some(p)) => (p, "Iterator", true),
            _ => {
                g.gap(
                    Some(at.name),
                    &at.pointer,
                    "a Map state needs exactly one of `ItemProcessor` and `Iterator`",
                );
                return ("map", None);
            }
        };
    let var = g.names.variable(&format!("{} processor", at.name));
    let what = format!(
        "The states run for each item of `{}`",
        at.name.replace('`', "'")
    );
    nested(
        g,
        &var,
        &what,
        processor.comment.as_ref(),
        &processor.start_at,
        &processor.states,
        &at.field(field),
        language,
    );
    let mut spec = if iterator {
        if processor.processor_config.is_some() {
            g.gap(
                Some(at.name),
                &at.field("Iterator/ProcessorConfig"),
                "`ProcessorConfig` in a legacy `Iterator`",
            );
        }
        quote!(#ty::iterator(#var()))
    } else {
        match processor
            .processor_config
            .as_ref()
            .map(|c| (c.mode.as_ref(), c.execution_type.as_ref()))
        {
            None => quote!(#ty::new(#var())),
            Some((Some(asl_types::ProcessorMode::Inline), None)) => quote!(#ty::inline(#var())),
            Some((Some(asl_types::ProcessorMode::Distributed), Some(e))) => {
                let et = g.name(Module::Types, "ExecutionType");
                let e = open_enum(&et, &format!("{e:?}"), &e.to_string());
                quote!(#ty::distributed(#var(), #e))
            }
            Some(_) => {
                g.gap(Some(at.name), &at.field("ItemProcessor/ProcessorConfig"), "a `ProcessorConfig` other than `INLINE`, or `DISTRIBUTED` with an `ExecutionType`");
                quote!(#ty::new(#var()))
            }
        }
    };
    common_io(
        g,
        &mut spec,
        m.comment.as_ref(),
        m.query_language,
        m.input_path.as_ref(),
    );
    set!(spec, &m.items_path, |v| g.ref_path(v), items_path);
    set!(spec, &m.items, |v| g.payload(v), items);
    if let Some(r) = &m.item_reader {
        let v = item_reader(g, r, at);
        spec.extend(quote!(.item_reader(#v)));
    }
    set!(spec, &m.item_selector, |v| g.payload(v), item_selector);
    set!(spec, &m.parameters, |v| g.payload(v), parameters);
    if let Some(b) = &m.item_batcher {
        let v = item_batcher(g, b, at);
        spec.extend(quote!(.item_batcher(#v)));
    }
    integer_field(
        g,
        &mut spec,
        at,
        "MaxConcurrency",
        m.max_concurrency.as_ref(),
        "max_concurrency",
    );
    set!(
        spec,
        &m.max_concurrency_path,
        |v| g.ref_path(v),
        max_concurrency_path
    );
    if let Some(v) = &m.tolerated_failure_percentage {
        let v = match v {
            asl_types::JsonataOr::Literal(n) => g.number(n),
            asl_types::JsonataOr::Jsonata(j) => {
                let ty = g.name(Module::Types, "JsonataOr");
                let j = g.jsonata(j);
                quote!(#ty::Jsonata(#j))
            }
        };
        spec.extend(quote!(.tolerated_failure_percentage(#v)));
    }
    set!(
        spec,
        &m.tolerated_failure_percentage_path,
        |v| g.ref_path(v),
        tolerated_failure_percentage_path
    );
    integer_field(
        g,
        &mut spec,
        at,
        "ToleratedFailureCount",
        m.tolerated_failure_count.as_ref(),
        "tolerated_failure_count",
    );
    set!(
        spec,
        &m.tolerated_failure_count_path,
        |v| g.ref_path(v),
        tolerated_failure_count_path
    );
    set!(spec, &m.label, |v| str_lit(v), label);
    if let Some(w) = &m.result_writer {
        let v = result_writer(g, w, at);
        spec.extend(quote!(.result_writer(#v)));
    }
    set!(spec, &m.result_selector, |v| g.payload(v), result_selector);
    set!(
        spec,
        &m.result_path,
        |v| g.nullable_ref_path(v),
        result_path
    );
    set!(spec, &m.output_path, |v| g.nullable_path(v), output_path);
    set!(spec, &m.output, |v| g.payload(v), output);
    set!(spec, &m.assign, |v| g.payload(v), assign);
    retries(g, &mut spec, at, m.retry.as_deref());
    ("map", Some(spec))
}

/// `Some(…)` for a `JsonataOr<Integer>` field assigned directly.
fn integer_slot(
    g: &mut Gen,
    at: &At<'_>,
    field: &str,
    v: &asl_types::JsonataOr<asl_types::Integer>,
) -> TokenStream {
    if let Some(v) = g.integer_or_jsonata(v) {
        quote!(Some(#v.into()))
    } else {
        g.gap(
            Some(at.name),
            &at.field(field),
            "`-0` (the builder writes integers)",
        );
        quote!(None)
    }
}

/// `let mut reader = ItemReader::new(..); reader.field = Some(..); …` before the state.
fn item_reader(g: &mut Gen, r: &ItemReader, at: &At<'_>) -> Ident {
    let ty = g.name(Module::Types, "ItemReader");
    let var = g.names.variable(&format!("{} reader", at.name));
    let resource = resource_value(g, &r.resource);
    let mut sets = Vec::new();
    if let Some(c) = &r.reader_config {
        let cfg_ty = g.name(Module::Types, "ReaderConfig");
        let cfg = g.names.variable(&format!("{} reader config", at.name));
        let mut cfg_sets = Vec::new();
        if let Some(v) = &c.input_type {
            let t = g.name(Module::Types, "InputType");
            let v = open_enum(&t, &format!("{v:?}"), &v.to_string());
            cfg_sets.push(quote!(#cfg.input_type = Some(#v);));
        }
        if let Some(v) = &c.csv_header_location {
            let t = g.name(Module::Types, "CsvHeaderLocation");
            let v = open_enum(&t, &format!("{v:?}"), &v.to_string());
            cfg_sets.push(quote!(#cfg.csv_header_location = Some(#v);));
        }
        if let Some(v) = &c.csv_headers {
            let jo = g.name(Module::Types, "JsonataOr");
            let v = match v {
                asl_types::JsonataOr::Literal(headers) => {
                    quote!(#jo::Literal(Vec::from([#(#headers.to_owned()),*])))
                }
                asl_types::JsonataOr::Jsonata(j) => {
                    let j = g.jsonata(j);
                    quote!(#jo::Jsonata(#j))
                }
            };
            cfg_sets.push(quote!(#cfg.csv_headers = Some(#v);));
        }
        if let Some(v) = &c.csv_delimiter {
            let t = g.name(Module::Types, "CsvDelimiter");
            let v = open_enum(&t, &format!("{v:?}"), &v.to_string());
            cfg_sets.push(quote!(#cfg.csv_delimiter = Some(#v);));
        }
        if let Some(v) = &c.max_items {
            let v = integer_slot(g, at, "ItemReader/ReaderConfig/MaxItems", v);
            cfg_sets.push(quote!(#cfg.max_items = #v;));
        }
        if let Some(v) = &c.max_items_path {
            let v = g.ref_path(v);
            cfg_sets.push(quote!(#cfg.max_items_path = Some(#v);));
        }
        if let Some(v) = &c.manifest_type {
            cfg_sets.push(quote!(#cfg.manifest_type = Some(#v.to_owned());));
        }
        g.body
            .push(quote!(let mut #cfg = #cfg_ty::default(); #(#cfg_sets)*));
        sets.push(quote!(#var.reader_config = Some(#cfg);));
    }
    if let Some(p) = &r.parameters {
        let p = g.payload_value(p);
        sets.push(quote!(#var.parameters = Some(#p);));
    }
    if let Some(p) = &r.arguments {
        let p = g.payload_value(p);
        sets.push(quote!(#var.arguments = Some(#p);));
    }
    let mutable = (!sets.is_empty()).then(|| quote!(mut));
    g.body
        .push(quote!(let #mutable #var = #ty::new(#resource); #(#sets)*));
    var
}

fn item_batcher(g: &mut Gen, b: &ItemBatcher, at: &At<'_>) -> Ident {
    let ty = g.name(Module::Types, "ItemBatcher");
    let var = g.names.variable(&format!("{} batcher", at.name));
    let mut sets = Vec::new();
    if let Some(v) = &b.max_items_per_batch {
        let v = integer_slot(g, at, "ItemBatcher/MaxItemsPerBatch", v);
        sets.push(quote!(#var.max_items_per_batch = #v;));
    }
    if let Some(v) = &b.max_items_per_batch_path {
        let v = g.ref_path(v);
        sets.push(quote!(#var.max_items_per_batch_path = Some(#v);));
    }
    if let Some(v) = &b.max_input_bytes_per_batch {
        let v = integer_slot(g, at, "ItemBatcher/MaxInputBytesPerBatch", v);
        sets.push(quote!(#var.max_input_bytes_per_batch = #v;));
    }
    if let Some(v) = &b.max_input_bytes_per_batch_path {
        let v = g.ref_path(v);
        sets.push(quote!(#var.max_input_bytes_per_batch_path = Some(#v);));
    }
    if let Some(p) = &b.batch_input {
        let p = g.payload_value(p);
        sets.push(quote!(#var.batch_input = Some(#p);));
    }
    let mutable = (!sets.is_empty()).then(|| quote!(mut));
    g.body
        .push(quote!(let #mutable #var = #ty::default(); #(#sets)*));
    var
}

fn result_writer(g: &mut Gen, w: &ResultWriter, at: &At<'_>) -> Ident {
    let ty = g.name(Module::Types, "ResultWriter");
    let var = g.names.variable(&format!("{} writer", at.name));
    let mut sets = Vec::new();
    if let Some(r) = &w.resource {
        let r = resource_value(g, r);
        sets.push(quote!(#var.resource = Some(#r);));
    }
    if let Some(p) = &w.parameters {
        let p = g.payload_value(p);
        sets.push(quote!(#var.parameters = Some(#p);));
    }
    if let Some(p) = &w.arguments {
        let p = g.payload_value(p);
        sets.push(quote!(#var.arguments = Some(#p);));
    }
    if let Some(c) = &w.writer_config {
        let cfg_ty = g.name(Module::Types, "WriterConfig");
        let cfg = g.names.variable(&format!("{} writer config", at.name));
        let mut cfg_sets = Vec::new();
        if let Some(v) = &c.output_type {
            let t = g.name(Module::Types, "OutputType");
            let v = open_enum(&t, &format!("{v:?}"), &v.to_string());
            cfg_sets.push(quote!(#cfg.output_type = Some(#v);));
        }
        if let Some(v) = &c.transformation {
            let t = g.name(Module::Types, "Transformation");
            let v = open_enum(&t, &format!("{v:?}"), &v.to_string());
            cfg_sets.push(quote!(#cfg.transformation = Some(#v);));
        }
        g.body
            .push(quote!(let mut #cfg = #cfg_ty::default(); #(#cfg_sets)*));
        sets.push(quote!(#var.writer_config = Some(#cfg);));
    }
    let mutable = (!sets.is_empty()).then(|| quote!(mut));
    g.body
        .push(quote!(let #mutable #var = #ty::default(); #(#sets)*));
    var
}
