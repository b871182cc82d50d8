//! The one source of randomness of an execution: seeded, so a run is
//! reproducible.

/// A small deterministic generator (`SplitMix64`). Every random value of an
/// execution — `States.MathRandom`, `States.UUID`, `$random()`, `$uuid()`,
/// retry jitter — is drawn from one `Rng` seeded from the run's options.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator whose sequence depends only on `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A float uniformly drawn from `[0, 1)`.
    pub fn next_f64(&mut self) -> f64 {
        // 53 random bits make every representable step equally likely.
        #[allow(clippy::cast_precision_loss, reason = "53 bits fit an f64 mantissa")]
        let unit = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        unit
    }

    /// An integer uniformly drawn from `[low, high]` (inclusive).
    pub fn range_inclusive(&mut self, low: i64, high: i64) -> i64 {
        debug_assert!(low <= high);
        let span = high.abs_diff(low).wrapping_add(1);
        if span == 0 {
            // The whole i64 range.
            return self.next_u64().cast_signed();
        }
        low.wrapping_add_unsigned(self.next_u64() % span)
    }

    /// A random (version 4) UUID in its lowercase hyphenated form.
    pub fn uuid(&mut self) -> String {
        let (a, b) = (self.next_u64(), self.next_u64());
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&a.to_be_bytes());
        bytes[8..].copy_from_slice(&b.to_be_bytes());
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        let hex = crate::hash::hex_string(&bytes);
        format!(
            "{}-{}-{}-{}-{}",
            &hex[..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..]
        )
    }
}
