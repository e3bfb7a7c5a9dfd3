//! What the judgement classifiers read of a message: its words and word pairs and the letter groups inside
//! its words (hashed into [`BUCKETS`] slots, tf-idf weighted, unit length), which carry tense, negation and
//! who is meant ("used to", "my friend", "mañana"), followed by its sentence embedding (standardised), which
//! carries meaning across wordings and languages. Measured on the validation split, the two together
//! beat either alone, for both the crisis and the activity classifier (ADR 0007).

use serde::{Deserialize, Serialize};

use super::crisis::fold_accent;

/// Hash slots for the word and letter-group features.
pub const BUCKETS: usize = 1 << 16;
/// The embedding's share beside the unit-length n-gram part (chosen on the validation split).
pub const EMBEDDING_WEIGHT: f32 = 0.05;

/// A sparse feature vector: `(index, value)`, indices ascending and unique.
pub type Features = Vec<(u32, f32)>;

/// Lower-case words without accents: runs of letters and digits.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars().flat_map(char::to_lowercase).map(fold_accent) {
        if c.is_alphanumeric() {
            word.push(c);
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

fn bucket(feature: &str) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in feature.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h % BUCKETS as u64) as u32
}

/// How often each hashed n-gram occurs in a text: words (`w:`), word pairs (`b:`) and the three- to
/// five-letter groups of each word padded with spaces (`c:`).
pub fn ngram_counts(text: &str) -> Vec<(u32, f32)> {
    let ws = words(text);
    let mut slots: Vec<u32> = Vec::new();
    for w in &ws {
        slots.push(bucket(&format!("w:{w}")));
    }
    for pair in ws.windows(2) {
        slots.push(bucket(&format!("b:{} {}", pair[0], pair[1])));
    }
    for w in &ws {
        let padded: Vec<char> = format!(" {w} ").chars().collect();
        for n in 3..=5 {
            for gram in padded.windows(n) {
                let gram: String = gram.iter().collect();
                slots.push(bucket(&format!("c:{gram}")));
            }
        }
    }
    slots.sort_unstable();
    let mut out: Vec<(u32, f32)> = Vec::new();
    for s in slots {
        match out.last_mut() {
            Some((last, count)) if *last == s => *count += 1.0,
            _ => out.push((s, 1.0)),
        }
    }
    out
}

/// The fitted parts of the featuriser: inverse document frequencies and the embedding's standardisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Featurizer {
    /// One per bucket.
    pub idf: Vec<f32>,
    pub mean: Vec<f32>,
    pub scale: Vec<f32>,
}

impl Featurizer {
    /// Fits on training texts and their embeddings.
    pub fn fit(texts: &[&str], vectors: &[&[f32]]) -> Self {
        let n = texts.len() as f32;
        let mut df = vec![0f32; BUCKETS];
        for t in texts {
            for (slot, _) in ngram_counts(t) {
                df[slot as usize] += 1.0;
            }
        }
        let idf = df
            .iter()
            .map(|d| ((1.0 + n) / (1.0 + d)).ln() + 1.0)
            .collect();
        let d = vectors.first().map_or(0, |v| v.len());
        let mut mean = vec![0f32; d];
        for v in vectors {
            for (m, x) in mean.iter_mut().zip(v.iter()) {
                *m += x / n;
            }
        }
        let mut scale = vec![0f32; d];
        for v in vectors {
            for ((s, x), m) in scale.iter_mut().zip(v.iter()).zip(&mean) {
                *s += (x - m) * (x - m) / n;
            }
        }
        for s in &mut scale {
            *s = s.sqrt().max(1e-6);
        }
        Self { idf, mean, scale }
    }

    /// The feature count: the buckets, then the embedding's dimensions.
    pub fn dimensions(&self) -> usize {
        BUCKETS + self.mean.len()
    }

    /// The features of a text and its embedding.
    pub fn features(&self, text: &str, vector: &[f32]) -> Features {
        let mut out: Features = ngram_counts(text)
            .into_iter()
            .map(|(slot, count)| (slot, (1.0 + count.ln()) * self.idf[slot as usize]))
            .collect();
        let norm = out.iter().map(|(_, v)| v * v).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, v) in &mut out {
                *v /= norm;
            }
        }
        out.extend(
            vector
                .iter()
                .zip(self.mean.iter().zip(&self.scale))
                .enumerate()
                .map(|(i, (x, (m, s)))| ((BUCKETS + i) as u32, (x - m) / s * EMBEDDING_WEIGHT)),
        );
        out
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failing test should panic
mod tests {
    use super::*;

    #[test]
    fn words_fold_case_and_accents() {
        assert_eq!(
            words("¿Mañana, MEDITAMOS? don't"),
            ["manana", "meditamos", "don", "t"]
        );
        assert!(words("  !! ").is_empty());
    }

    #[test]
    fn counts_are_sorted_unique_and_complete() {
        let c = ngram_counts("no no");
        assert!(c.windows(2).all(|w| w[0].0 < w[1].0));
        // 2 words + 1 pair + per word " no " has 2 trigrams and 1 four-gram: 3 each.
        let total: f32 = c.iter().map(|(_, n)| n).sum();
        assert_eq!(total, 2.0 + 1.0 + 6.0);
    }

    #[test]
    fn features_are_unit_ngrams_then_the_embedding() {
        let f = Featurizer::fit(
            &["I want to breathe", "no thanks"],
            &[&[1.0, 0.0], &[0.0, 1.0]],
        );
        assert_eq!(f.dimensions(), BUCKETS + 2);
        let x = f.features("I want to breathe", &[1.0, 0.0]);
        let ngram_norm: f32 = x
            .iter()
            .filter(|(i, _)| (*i as usize) < BUCKETS)
            .map(|(_, v)| v * v)
            .sum();
        assert!((ngram_norm - 1.0).abs() < 1e-4);
        let dense: Vec<&(u32, f32)> = x.iter().filter(|(i, _)| *i as usize >= BUCKETS).collect();
        assert_eq!(dense.len(), 2);
        assert!((dense[0].1 - EMBEDDING_WEIGHT).abs() < 1e-4, "{dense:?}");
    }
}
