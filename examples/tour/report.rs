//! `--report DIR`: the tour's figures as CSV, and the W1 efficiency plot as a hand-written SVG.
//!
//! The CSV has one row per workload, item cost, P and library: the median, min and max of
//! the measured times (seconds; CPU seconds for W7), and the medians of the per-round
//! efficiency T_seq / (P x T), time over sequential and time over rayon. The plot shows the
//! W1 item-cost sweep at the largest P run: efficiency against item cost on a log axis, one
//! line per library, min-max whiskers. No plotting crate: the plot is a few dozen elements.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

use super::{median, min_max};

/// The raw figures of one measurement: per-round times of each party, `None` where a party
/// did not take part.
pub(crate) struct Timings {
    /// `W1` .. `W8`.
    pub(crate) workload: &'static str,
    /// What exactly ran (the table's workload column).
    pub(crate) label: String,
    /// `wall` (seconds per call) or `cpu` (process CPU seconds).
    pub(crate) metric: &'static str,
    /// The calibrated cost of one item, where the workload has one.
    pub(crate) item_ns: Option<f64>,
    /// Items (or tasks) per call, where the workload has a count.
    pub(crate) items: Option<u64>,
    pub(crate) p: usize,
    pub(crate) seq: Option<Vec<f64>>,
    pub(crate) beat: Option<Vec<f64>>,
    pub(crate) rayon: Option<Vec<f64>>,
    pub(crate) chili: Option<Vec<f64>>,
}

impl Timings {
    pub(crate) fn new(workload: &'static str, label: &str, metric: &'static str, p: usize) -> Self {
        Timings {
            workload,
            label: label.to_string(),
            metric,
            item_ns: None,
            items: None,
            p,
            seq: None,
            beat: None,
            rayon: None,
            chili: None,
        }
    }

    fn parties(&self) -> impl Iterator<Item = (&'static str, &Vec<f64>)> {
        [
            ("sequential", &self.seq),
            ("beat", &self.beat),
            ("rayon", &self.rayon),
            ("chili", &self.chili),
        ]
        .into_iter()
        .filter_map(|(name, t)| Some((name, t.as_ref()?)))
    }

    /// Median per-round efficiency T_seq / (P x T); the sequential loop itself uses one of
    /// the P cores, so its efficiency is 1 / P.
    fn efficiency(&self, t: &[f64]) -> Option<f64> {
        let seq = self.seq.as_ref().filter(|_| self.metric == "wall")?;
        let p = self.p as f64;
        Some(median(
            &seq.iter()
                .zip(t)
                .map(|(s, t)| s / (p * t))
                .collect::<Vec<_>>(),
        ))
    }
}

/// Median of the per-round ratios `t / base`.
fn ratio(t: &[f64], base: Option<&Vec<f64>>) -> Option<f64> {
    let base = base?;
    Some(median(
        &t.iter().zip(base).map(|(t, b)| t / b).collect::<Vec<_>>(),
    ))
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A time in seconds, to four significant digits.
fn secs(x: f64) -> String {
    format!("{x:.3e}")
}

/// A ratio or an efficiency, empty where it does not apply.
fn opt(x: Option<f64>) -> String {
    x.filter(|x| x.is_finite())
        .map_or(String::new(), |x| format!("{x:.4}"))
}

/// The CSV text.
pub(crate) fn csv(records: &[Timings]) -> String {
    let mut out = String::from(
        "workload,description,metric,item_ns,items,p,library,rounds,median_s,min_s,max_s,\
         efficiency,x_sequential,x_rayon\n",
    );
    for r in records {
        for (lib, t) in r.parties() {
            if t.is_empty() {
                continue;
            }
            let (lo, hi) = min_max(t);
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{lib},{},{},{},{},{},{},{}",
                r.workload,
                csv_field(&r.label),
                r.metric,
                r.item_ns.map_or(String::new(), |x| format!("{x}")),
                r.items.map_or(String::new(), |x| x.to_string()),
                r.p,
                t.len(),
                secs(median(t)),
                secs(lo),
                secs(hi),
                opt(r.efficiency(t)),
                opt(ratio(t, r.seq.as_ref())),
                opt(ratio(t, r.rayon.as_ref())),
            );
        }
    }
    out
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// "170 ns", "1.7 µs": an item cost or a tick on the time axis.
fn fmt_ns(ns: f64) -> String {
    let (v, unit) = if ns >= 1e6 {
        (ns / 1e6, "ms")
    } else if ns >= 1e3 {
        (ns / 1e3, "µs")
    } else {
        (ns, "ns")
    };
    let s = format!("{v:.1}");
    format!("{} {unit}", s.strip_suffix(".0").unwrap_or(&s))
}

/// One line of the plot: (item cost, median, min, max) per point.
struct Series {
    name: String,
    color: &'static str,
    dashed: bool,
    points: Vec<(f64, f64, f64, f64)>,
}

/// The efficiency plot of the W1 sweep at the largest P, or `None` if W1 did not run.
pub(crate) fn svg(records: &[Timings], machine: &str, date: &str, rounds: usize) -> Option<String> {
    let p = records
        .iter()
        .filter(|r| r.workload == "W1")
        .map(|r| r.p)
        .max()?;
    let mut w1: Vec<&Timings> = records
        .iter()
        .filter(|r| r.workload == "W1" && r.p == p && r.item_ns.is_some())
        .collect();
    w1.sort_by(|a, b| a.item_ns.partial_cmp(&b.item_ns).unwrap());
    let series_of = |name: &str,
                     color: &'static str,
                     dashed: bool,
                     pick: &dyn Fn(&Timings) -> Option<&Vec<f64>>| {
        let points = w1
            .iter()
            .filter_map(|r| {
                let t = pick(r)?;
                let seq = r.seq.as_ref()?;
                let e: Vec<f64> = seq.iter().zip(t).map(|(s, t)| s / (p as f64 * t)).collect();
                let (lo, hi) = min_max(&e);
                Some((r.item_ns?, median(&e), lo, hi))
            })
            .collect();
        Series {
            name: name.to_string(),
            color,
            dashed,
            points,
        }
    };
    let series = [
        series_of("beat", "#d62728", false, &|r| r.beat.as_ref()),
        series_of("rayon", "#1f77b4", false, &|r| r.rayon.as_ref()),
        series_of(
            &format!("sequential (1/P = {:.0}%)", 100.0 / p as f64),
            "#7f7f7f",
            true,
            &|r| r.seq.as_ref(),
        ),
    ];
    Some(draw(&series, p, machine, date, rounds))
}

fn draw(series: &[Series], p: usize, machine: &str, date: &str, rounds: usize) -> String {
    const W: f64 = 760.0;
    const H: f64 = 460.0;
    const LEFT: f64 = 72.0;
    const RIGHT: f64 = 560.0;
    const TOP: f64 = 70.0;
    const BOTTOM: f64 = 390.0;

    let all = || series.iter().flat_map(|s| s.points.iter());
    let (lo_ns, hi_ns) = all().fold((f64::INFINITY, 0.0f64), |(lo, hi), p| {
        (lo.min(p.0), hi.max(p.0))
    });
    let (lo_ns, hi_ns) = if lo_ns.is_finite() {
        (lo_ns, hi_ns)
    } else {
        (10.0, 100_000.0)
    };
    let dec_lo = lo_ns.log10().floor() as i32;
    let dec_hi = (hi_ns.log10().ceil() as i32).max(dec_lo + 1);
    // Room for every median and for whiskers up to 150%; longer whiskers are clipped (the CSV
    // has them).
    let top_med = all().map(|p| p.1).fold(0.0f64, f64::max);
    let top_hi = all().map(|p| p.3).fold(0.0f64, f64::max).min(1.5);
    let y_max = ((top_med.max(top_hi) * 10.0).ceil() / 10.0).max(1.1);
    let y_step = if y_max > 1.5 { 0.2 } else { 0.1 };

    let x =
        |ns: f64| LEFT + (ns.log10() - dec_lo as f64) / (dec_hi - dec_lo) as f64 * (RIGHT - LEFT);
    let y = |e: f64| BOTTOM - e / y_max * (BOTTOM - TOP);

    let mut s = String::new();
    let _ = writeln!(s, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" font-family="Helvetica, Arial, sans-serif" font-size="12">"#
    );
    let _ = writeln!(s, r#"<rect width="{W}" height="{H}" fill="white"/>"#);
    let title = format!("beat vs rayon: W1 efficiency against item cost, P = {p}");
    let sub = format!(
        "{machine}, {date}; median of {rounds} rounds, whiskers min–max; E = T_seq / (P × T_par)"
    );
    let _ = writeln!(
        s,
        r#"<text x="{}" y="28" font-size="16" font-weight="bold" text-anchor="middle">{}</text>"#,
        W / 2.0,
        xml_escape(&title)
    );
    let _ = writeln!(
        s,
        r##"<text x="{}" y="48" font-size="11" fill="#444" text-anchor="middle">{}</text>"##,
        W / 2.0,
        xml_escape(&sub)
    );

    // Grid and y ticks.
    let mut e = 0.0;
    while e <= y_max + 1e-9 {
        let yy = y(e);
        let stroke = if (e - 1.0).abs() < 1e-9 {
            "#999"
        } else {
            "#e4e4e4"
        };
        let dash = if (e - 1.0).abs() < 1e-9 {
            r#" stroke-dasharray="4 3""#
        } else {
            ""
        };
        let _ = writeln!(
            s,
            r#"<line x1="{LEFT}" y1="{yy:.1}" x2="{RIGHT}" y2="{yy:.1}" stroke="{stroke}"{dash}/>"#
        );
        let _ = writeln!(
            s,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{:.0}%</text>"#,
            LEFT - 6.0,
            yy + 4.0,
            e * 100.0
        );
        e += y_step;
    }
    // x ticks: a labelled major tick per decade, minor ticks at 2..9.
    for d in dec_lo..=dec_hi {
        let ns = 10f64.powi(d);
        let xx = x(ns);
        let _ = writeln!(
            s,
            r##"<line x1="{xx:.1}" y1="{TOP}" x2="{xx:.1}" y2="{BOTTOM}" stroke="#e4e4e4"/>"##
        );
        let _ = writeln!(
            s,
            r##"<line x1="{xx:.1}" y1="{BOTTOM}" x2="{xx:.1}" y2="{:.1}" stroke="#333"/>"##,
            BOTTOM + 6.0
        );
        let _ = writeln!(
            s,
            r#"<text x="{xx:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            BOTTOM + 20.0,
            xml_escape(&fmt_ns(ns))
        );
        if d < dec_hi {
            for m in 2..10 {
                let xm = x(ns * m as f64);
                let _ = writeln!(
                    s,
                    r##"<line x1="{xm:.1}" y1="{BOTTOM}" x2="{xm:.1}" y2="{:.1}" stroke="#333"/>"##,
                    BOTTOM + 3.0
                );
            }
        }
    }
    // Axes and their labels.
    let _ = writeln!(
        s,
        r##"<path d="M{LEFT} {TOP} V{BOTTOM} H{RIGHT}" fill="none" stroke="#333"/>"##
    );
    let _ = writeln!(
        s,
        r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">item cost (calibrated busy loop, log scale)</text>"#,
        (LEFT + RIGHT) / 2.0,
        BOTTOM + 42.0
    );
    let _ = writeln!(
        s,
        r#"<text transform="translate({:.1} {:.1}) rotate(-90)" text-anchor="middle">efficiency</text>"#,
        LEFT - 48.0,
        (TOP + BOTTOM) / 2.0
    );

    // The series, each nudged sideways a little so the whiskers do not hide each other.
    for (i, ser) in series.iter().enumerate() {
        let dx = (i as f64 - 1.0) * 4.0;
        let dash = if ser.dashed {
            r#" stroke-dasharray="6 4""#
        } else {
            ""
        };
        let pts: Vec<String> = ser
            .points
            .iter()
            .map(|p| format!("{:.1},{:.1}", x(p.0) + dx, y(p.1)))
            .collect();
        if pts.len() > 1 {
            let _ = writeln!(
                s,
                r#"<polyline points="{}" fill="none" stroke="{}" stroke-width="2"{dash}/>"#,
                pts.join(" "),
                ser.color
            );
        }
        for &(ns, med, lo, hi) in &ser.points {
            let xx = x(ns) + dx;
            let _ = writeln!(
                s,
                r#"<line x1="{xx:.1}" y1="{:.1}" x2="{xx:.1}" y2="{:.1}" stroke="{}" stroke-opacity="0.6"/>"#,
                y(lo.min(y_max)),
                y(hi.min(y_max)),
                ser.color
            );
            let _ = writeln!(
                s,
                r#"<circle cx="{xx:.1}" cy="{:.1}" r="3.5" fill="{}"><title>{}: {} at {}</title></circle>"#,
                y(med),
                ser.color,
                xml_escape(&ser.name),
                format_args!("{:.0}%", med * 100.0),
                xml_escape(&fmt_ns(ns))
            );
        }
    }

    // Legend, right of the plot.
    let lx = RIGHT + 24.0;
    let _ = writeln!(
        s,
        r#"<text x="{lx}" y="{:.1}" font-weight="bold">library</text>"#,
        TOP + 10.0
    );
    for (i, ser) in series.iter().enumerate() {
        let ly = TOP + 32.0 + i as f64 * 22.0;
        let dash = if ser.dashed {
            r#" stroke-dasharray="6 4""#
        } else {
            ""
        };
        let _ = writeln!(
            s,
            r#"<line x1="{lx}" y1="{ly:.1}" x2="{:.1}" y2="{ly:.1}" stroke="{}" stroke-width="2"{dash}/>"#,
            lx + 26.0,
            ser.color
        );
        let _ = writeln!(
            s,
            r#"<circle cx="{:.1}" cy="{ly:.1}" r="3.5" fill="{}"/>"#,
            lx + 13.0,
            ser.color
        );
        let _ = writeln!(
            s,
            r#"<text x="{:.1}" y="{:.1}">{}</text>"#,
            lx + 34.0,
            ly + 4.0,
            xml_escape(&ser.name)
        );
    }
    let _ = writeln!(
        s,
        r##"<text x="{lx}" y="{:.1}" font-size="11" fill="#444">100% = perfect scaling;</text>"##,
        TOP + 112.0
    );
    let _ = writeln!(
        s,
        r##"<text x="{lx}" y="{:.1}" font-size="11" fill="#444">at P = 1: 100% - overhead.</text>"##,
        TOP + 126.0
    );
    s.push_str("</svg>\n");
    s
}

/// Writes `efficiency.csv` and (if W1 ran) `efficiency.svg` into `dir`, creating it.
pub(crate) fn write(
    dir: &Path,
    records: &[Timings],
    machine: &str,
    date: &str,
    rounds: usize,
) -> io::Result<Vec<String>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    let csv_path = dir.join("efficiency.csv");
    std::fs::write(&csv_path, csv(records))?;
    written.push(csv_path.display().to_string());
    if let Some(svg) = svg(records, machine, date, rounds) {
        let svg_path = dir.join("efficiency.svg");
        std::fs::write(&svg_path, svg)?;
        written.push(svg_path.display().to_string());
    }
    Ok(written)
}
