//! Hex digests for `States.Hash` and `$hash`.

use sha2::Digest as _;

/// The lowercase hex digest of `data` with `algorithm` (`MD5`, `SHA-1`,
/// `SHA-256`, `SHA-384` or `SHA-512`, as Step Functions names them), or
/// `None` for any other name.
pub(crate) fn hex(data: &[u8], algorithm: &str) -> Option<String> {
    let bytes: Vec<u8> = match algorithm {
        "MD5" => md5::Md5::digest(data).to_vec(),
        "SHA-1" => sha1::Sha1::digest(data).to_vec(),
        "SHA-256" => sha2::Sha256::digest(data).to_vec(),
        "SHA-384" => sha2::Sha384::digest(data).to_vec(),
        "SHA-512" => sha2::Sha512::digest(data).to_vec(),
        _ => return None,
    };
    Some(hex_string(&bytes))
}

/// Lowercase hex of `bytes`.
pub(crate) fn hex_string(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn known_digests() {
        // RFC 1321 and FIPS 180 test vectors for "abc".
        assert_eq!(
            super::hex(b"abc", "MD5").unwrap(),
            "900150983cd24fb0d6963f7d28e17f72"
        );
        assert_eq!(
            super::hex(b"abc", "SHA-1").unwrap(),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        assert_eq!(
            super::hex(b"abc", "SHA-256").unwrap(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(super::hex(b"abc", "sha256").is_none());
    }
}
