//! A small gravitational n-body simulation, each step computed in parallel.
//!
//! Run it with `cargo run --release --example nbody`. Options: `--bodies N` (1,000 by
//! default) and `--steps S` (20 by default).
//!
//! Positions, velocities and masses live in separate vectors so that one step can update
//! the velocities with `par_iter_mut()` while reading every position through a shared
//! borrow: the borrow checker proves the parallel loop race-free. The integrator is the
//! leapfrog (kick, drift, kick), which keeps the total energy nearly constant; the example
//! prints the energy before and after and fails if it drifted by more than 0.1%.

use beat::prelude::*;
use std::time::Instant;

type Vec3 = [f64; 3];

/// Gravitational softening: keeps close encounters finite.
const SOFTENING2: f64 = 0.05 * 0.05;
const DT: f64 = 0.001;

struct System {
    pos: Vec<Vec3>,
    vel: Vec<Vec3>,
    mass: Vec<f64>,
}

fn main() {
    let bodies = arg("--bodies").unwrap_or(1_000);
    let steps = arg("--steps").unwrap_or(20);
    assert!(bodies >= 2, "--bodies: at least 2");

    let mut system = System::new(bodies);
    let before = system.energy();
    println!("{bodies} bodies, {steps} steps of dt = {DT}");
    println!("energy before: {before:.9}");

    let start = Instant::now();
    for _ in 0..steps {
        system.step();
    }
    let elapsed = start.elapsed();

    let after = system.energy();
    let drift = ((after - before) / before).abs();
    println!("energy after:  {after:.9}");
    println!("relative drift {drift:.2e} after {elapsed:.1?}");
    assert!(drift < 1e-3, "the energy drifted by {drift:.2e}");
    println!("energy conserved");
}

impl System {
    /// Bodies at deterministic pseudo-random places in the unit cube, with total mass 1 and
    /// small random velocities.
    fn new(n: usize) -> System {
        let mut seed = 0x2545_F491_4F6C_DD1D_u64;
        let mut unit = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 11) as f64 / (1u64 << 53) as f64 - 0.5
        };
        let pos = (0..n).map(|_| [unit(), unit(), unit()]).collect();
        let vel = (0..n)
            .map(|_| [0.1 * unit(), 0.1 * unit(), 0.1 * unit()])
            .collect();
        System {
            pos,
            vel,
            mass: vec![1.0 / n as f64; n],
        }
    }

    /// One leapfrog step: half a kick, a drift, half a kick.
    fn step(&mut self) {
        self.kick(DT / 2.0);
        // Drift: every position moves by its velocity; each body is independent.
        self.pos
            .par_iter_mut()
            .zip(&self.vel)
            .for_each(|(p, v)| (0..3).for_each(|k| p[k] += v[k] * DT));
        self.kick(DT / 2.0);
    }

    /// Adds `dt` times each body's acceleration to its velocity.
    fn kick(&mut self, dt: f64) {
        let (pos, mass) = (&self.pos, &self.mass);
        self.vel
            .par_iter_mut()
            .zip(pos.par_iter())
            .for_each(|(v, p)| {
                let a = acceleration(p, pos, mass);
                (0..3).for_each(|k| v[k] += a[k] * dt);
            });
    }

    /// Kinetic plus (softened) potential energy.
    fn energy(&self) -> f64 {
        let kinetic: f64 = self
            .vel
            .par_iter()
            .zip(&self.mass)
            .map(|(v, m)| 0.5 * m * dot(v, v))
            .sum();
        // Each pair once: body i with the bodies after it.
        let potential: f64 = (0..self.pos.len())
            .into_par_iter()
            .map(|i| {
                let (pi, mi) = (&self.pos[i], self.mass[i]);
                (i + 1..self.pos.len())
                    .map(|j| {
                        let d = sub(&self.pos[j], pi);
                        -mi * self.mass[j] / (dot(&d, &d) + SOFTENING2).sqrt()
                    })
                    .sum::<f64>()
            })
            .sum();
        kinetic + potential
    }
}

/// The acceleration at `p` from all the bodies (a body at `p` itself contributes zero).
fn acceleration(p: &Vec3, pos: &[Vec3], mass: &[f64]) -> Vec3 {
    let mut a = [0.0; 3];
    for (q, m) in pos.iter().zip(mass) {
        let d = sub(q, p);
        let r2 = dot(&d, &d) + SOFTENING2;
        let f = m / (r2 * r2.sqrt());
        (0..3).for_each(|k| a[k] += f * d[k]);
    }
    a
}

fn sub(a: &Vec3, b: &Vec3) -> Vec3 {
    [a[0] - b[0], a[1] - b[1], a[2] - b[2]]
}

fn dot(a: &Vec3, b: &Vec3) -> f64 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

/// The number after `name` on the command line, if any.
fn arg(name: &str) -> Option<usize> {
    let args: Vec<String> = std::env::args().collect();
    let i = args.iter().position(|a| a == name)?;
    let value = args
        .get(i + 1)
        .unwrap_or_else(|| panic!("{name} needs a value"));
    Some(
        value
            .parse()
            .unwrap_or_else(|_| panic!("{name}: not a number: {value}")),
    )
}
