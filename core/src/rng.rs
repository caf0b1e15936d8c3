//! A small seeded generator (SplitMix64) for what must be reproducible: synthetic
//! history, bootstrap resampling and the bounded property runs. Never for keys or
//! nonces (those come from the system, see `crypto`).

/// SplitMix64: the same seed always gives the same sequence.
pub(crate) struct Rng(u64);

impl Rng {
    /// A generator starting from `seed`.
    pub(crate) fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Draws for the synthetic history only.
#[cfg(any(test, feature = "demo-data"))]
impl Rng {
    /// A number in `[0, 1)`.
    pub(crate) fn uniform(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.uniform() < p
    }

    /// A normal draw with mean 0 and standard deviation `sd` (Box–Muller).
    pub(crate) fn normal(&mut self, sd: f64) -> f64 {
        let (u1, u2) = (self.uniform().max(1e-12), self.uniform());
        sd * (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }

    /// A whole count with mean `mean`: its integer part, plus one with the
    /// probability of its fraction.
    pub(crate) fn count(&mut self, mean: f64) -> u32 {
        mean.floor() as u32 + u32::from(self.chance(mean.fract()))
    }
}
