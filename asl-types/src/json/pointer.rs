//! RFC 6901 JSON pointers: `/States/a~1b/Retry/0` names member `States`,
//! then `a/b`, then `Retry`, then element 0.

use std::borrow::Cow;

/// The reference tokens of `pointer`, `~1` and `~0` decoded; `None` when
/// it is not a pointer (neither empty nor starting with `/`, or a `~` not
/// followed by `0` or `1`).
pub(super) fn tokens(pointer: &str) -> Option<Vec<Cow<'_, str>>> {
    if pointer.is_empty() {
        return Some(Vec::new());
    }
    pointer
        .strip_prefix('/')?
        .split('/')
        .map(|token| {
            if !token.contains('~') {
                return Some(Cow::Borrowed(token));
            }
            let mut out = String::with_capacity(token.len());
            let mut chars = token.chars();
            while let Some(c) = chars.next() {
                out.push(if c == '~' {
                    match chars.next() {
                        Some('0') => '~',
                        Some('1') => '/',
                        _ => return None,
                    }
                } else {
                    c
                });
            }
            Some(Cow::Owned(out))
        })
        .collect()
}

/// The array index a token names: `0` or digits without a leading zero.
pub(super) fn index(token: &str) -> Option<usize> {
    let digits = token.bytes().all(|b| b.is_ascii_digit());
    if !digits || token.is_empty() || (token.len() > 1 && token.starts_with('0')) {
        return None;
    }
    token.parse().ok()
}
