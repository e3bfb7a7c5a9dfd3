//! Softmax (multinomial logistic) regression over sparse features ([`super::features`]): the semantic
//! layer of the crisis detector and the activity classifier. Trained offline by `wbot judge train` on the
//! labelled sets in `crates/wbot-core/data/`; the weights ship with the app as half floats, and training
//! rounds them the same way so that what is measured is what ships.

use half::f16;

use super::features::Features;

/// A trained model: `classes[k]` scores `bias[k] + weights[k] · x`.
#[derive(Debug, Clone, PartialEq)]
pub struct SoftmaxModel {
    /// Class names, in output order.
    pub classes: Vec<String>,
    /// One row of [`SoftmaxModel::dimensions`] per class.
    pub weights: Vec<Vec<f32>>,
    pub bias: Vec<f32>,
}

/// How a model is trained.
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    /// L2 penalty on the weights (per example).
    pub l2: f32,
    /// Full-batch Adam steps.
    pub steps: usize,
    pub learning_rate: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        Self {
            l2: 1e-4,
            steps: 300,
            learning_rate: 0.05,
        }
    }
}

/// A value as it is stored: rounded to a half float.
pub fn rounded(x: f32) -> f32 {
    f16::from_f32(x).to_f32()
}

fn softmax(scores: &mut [f32]) {
    let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for s in scores.iter_mut() {
        *s = (*s - max).exp();
        sum += *s;
    }
    for s in scores.iter_mut() {
        *s /= sum;
    }
}

impl SoftmaxModel {
    /// The input size.
    pub fn dimensions(&self) -> usize {
        self.weights.first().map_or(0, Vec::len)
    }

    /// The index of a class by name.
    pub fn class(&self, name: &str) -> Option<usize> {
        self.classes.iter().position(|c| c == name)
    }

    fn scores(&self, x: &Features, out: &mut [f32]) {
        for ((s, w), b) in out.iter_mut().zip(&self.weights).zip(&self.bias) {
            *s = b + x
                .iter()
                .map(|&(i, v)| w.get(i as usize).map_or(0.0, |w| w * v))
                .sum::<f32>();
        }
        softmax(out);
    }

    /// Class probabilities for one feature vector.
    pub fn predict(&self, x: &Features) -> Vec<f32> {
        let mut out = vec![0f32; self.classes.len()];
        self.scores(x, &mut out);
        out
    }

    /// Trains on `(class index, features)` pairs of `dims` features, each class weighted by the inverse of
    /// its frequency so a rare class counts as much as a common one. Deterministic; weights come out
    /// rounded as they are stored.
    pub fn train(
        classes: &[&str],
        data: &[(usize, Features)],
        dims: usize,
        options: TrainOptions,
    ) -> Self {
        let k = classes.len();
        let n = data.len().max(1) as f32;
        let mut counts = vec![0f32; k];
        for (c, _) in data {
            counts[*c] += 1.0;
        }
        let class_weight: Vec<f32> = counts
            .iter()
            .map(|&c| if c > 0.0 { n / (k as f32 * c) } else { 0.0 })
            .collect();
        let mut model = Self {
            classes: classes.iter().map(|c| (*c).to_string()).collect(),
            weights: vec![vec![0f32; dims]; k],
            bias: vec![0f32; k],
        };
        // Adam's moments, for the weights (row by row) and the biases.
        let (mut m1, mut m2) = (vec![vec![0f32; dims]; k], vec![vec![0f32; dims]; k]);
        let (mut b1, mut b2) = (vec![0f32; k], vec![0f32; k]);
        let (beta1, beta2, eps) = (0.9f32, 0.999f32, 1e-8f32);
        let mut grad = vec![vec![0f32; dims]; k];
        let mut grad_b = vec![0f32; k];
        let mut p = vec![0f32; k];
        for step in 1..=options.steps {
            for g in &mut grad {
                g.iter_mut().for_each(|x| *x = 0.0);
            }
            grad_b.iter_mut().for_each(|x| *x = 0.0);
            for (c, x) in data {
                model.scores(x, &mut p);
                let cw = class_weight[*c] / n;
                for j in 0..k {
                    let err = cw * (p[j] - if j == *c { 1.0 } else { 0.0 });
                    for &(i, v) in x {
                        if let Some(g) = grad[j].get_mut(i as usize) {
                            *g += err * v;
                        }
                    }
                    grad_b[j] += err;
                }
            }
            let lr = options.learning_rate * (1.0 - beta2.powi(step as i32)).sqrt()
                / (1.0 - beta1.powi(step as i32));
            for j in 0..k {
                for i in 0..dims {
                    let g = grad[j][i] + options.l2 * model.weights[j][i];
                    m1[j][i] = beta1 * m1[j][i] + (1.0 - beta1) * g;
                    m2[j][i] = beta2 * m2[j][i] + (1.0 - beta2) * g * g;
                    model.weights[j][i] -= lr * m1[j][i] / (m2[j][i].sqrt() + eps);
                }
                let g = grad_b[j];
                b1[j] = beta1 * b1[j] + (1.0 - beta1) * g;
                b2[j] = beta2 * b2[j] + (1.0 - beta2) * g * g;
                model.bias[j] -= lr * b1[j] / (b2[j].sqrt() + eps);
            }
        }
        for w in model
            .weights
            .iter_mut()
            .flatten()
            .chain(model.bias.iter_mut())
        {
            *w = rounded(*w);
        }
        model
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failing test should panic
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem_deterministically() {
        // Three classes, each with its own active feature (plus noise on a shared one).
        let mut data = Vec::new();
        for i in 0..30 {
            let t = i as f32 / 30.0;
            data.push((0, vec![(0, 1.0), (3, t)]));
            data.push((1, vec![(1, 1.0), (3, t)]));
            data.push((2, vec![(2, 1.0), (3, t)]));
        }
        let model = SoftmaxModel::train(&["a", "b", "c"], &data, 4, TrainOptions::default());
        for c in 0..3u32 {
            let p = model.predict(&vec![(c, 0.9), (3, 0.5)]);
            let best = p
                .iter()
                .enumerate()
                .max_by(|a, b| a.1.total_cmp(b.1))
                .unwrap()
                .0;
            assert_eq!(best, c as usize, "{p:?}");
            assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-4);
        }
        assert_eq!(model.class("b"), Some(1));
        assert_eq!(model.dimensions(), 4);
        assert_eq!(
            SoftmaxModel::train(&["a", "b", "c"], &data, 4, TrainOptions::default()),
            model
        );
        // Stored as half floats.
        assert!(model.weights.iter().flatten().all(|w| rounded(*w) == *w));
        // A feature past the end is ignored, not a panic.
        assert_eq!(model.predict(&vec![(99, 1.0)]).len(), 3);
    }
}
