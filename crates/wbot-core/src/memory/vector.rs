//! Vectors as the database stores them (little-endian IEEE half floats) and the arithmetic on them.

use half::f16;

/// Encodes a vector as little-endian half floats, the form stored in `memories.embedding`.
pub fn encode_f16(vector: &[f32]) -> Vec<u8> {
    let mut out = Vec::with_capacity(vector.len() * 2);
    for &x in vector {
        out.extend_from_slice(&f16::from_f32(x).to_bits().to_le_bytes());
    }
    out
}

/// Decodes a stored vector; `None` when the blob is not `dimensions` half floats.
pub fn decode_f16(blob: &[u8], dimensions: usize) -> Option<Vec<f32>> {
    if blob.len() != dimensions * 2 {
        return None;
    }
    Some(
        blob.chunks_exact(2)
            .map(|b| f16::from_bits(u16::from_le_bytes([b[0], b[1]])).to_f32())
            .collect(),
    )
}

/// The dot product: the cosine similarity of unit vectors (the model's are normalised).
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    // Eight running sums, so the compiler can use vector instructions (one sum would be sequential).
    let mut sums = [0.0f32; 8];
    let (a8, b8) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = a8
        .remainder()
        .iter()
        .zip(b8.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in a8.zip(b8) {
        for i in 0..8 {
            sums[i] += x[i] * y[i];
        }
    }
    sums.iter().sum::<f32>() + tail
}

/// Cosine similarity; 0 when either vector is all zeros or the lengths differ.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    if a.len() != b.len() {
        return 0.0;
    }
    let (mut dot, mut na, mut nb) = (0.0f32, 0.0f32, 0.0f32);
    for (x, y) in a.iter().zip(b) {
        dot += x * y;
        na += x * x;
        nb += y * y;
    }
    if na == 0.0 || nb == 0.0 {
        return 0.0;
    }
    dot / (na.sqrt() * nb.sqrt())
}

/// Scales a vector to unit length (left as is when it is all zeros).
pub fn normalize(v: &mut [f32]) {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failing test should panic
mod tests {
    use super::*;

    #[test]
    fn f16_round_trip_keeps_direction() {
        let mut v: Vec<f32> = (0..384)
            .map(|i| ((i * 37 % 101) as f32 - 50.0) / 50.0)
            .collect();
        normalize(&mut v);
        let blob = encode_f16(&v);
        assert_eq!(blob.len(), 768);
        let back = decode_f16(&blob, 384).unwrap();
        assert!(cosine(&v, &back) > 0.9999);
        assert!(decode_f16(&blob[..766], 384).is_none());
    }

    #[test]
    fn cosine_edge_cases() {
        assert_eq!(cosine(&[0.0, 0.0], &[1.0, 0.0]), 0.0);
        assert_eq!(cosine(&[1.0], &[1.0, 0.0]), 0.0);
        assert!((cosine(&[1.0, 0.0], &[2.0, 0.0]) - 1.0).abs() < 1e-6);
    }

    #[test]
    fn dot_sums_every_product_tail_included() {
        let a: Vec<f32> = (0..19).map(|i| i as f32).collect();
        let b: Vec<f32> = (0..19).map(|i| (i % 3) as f32).collect();
        let expected: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
        assert_eq!(dot(&a, &b), expected);
        assert_eq!(dot(&[], &[]), 0.0);
    }
}
