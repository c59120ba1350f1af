//! Renders the Mandelbrot set in parallel and writes it as a PNG image.
//!
//! Run it with `cargo run --release --example mandelbrot -- --out mandelbrot.png`. Options:
//! `--size WxH` (1600x1200 by default), `--iters N` (the iteration limit, 256 by default),
//! `--out FILE` (`mandelbrot.png` by default).
//!
//! The image buffer is split into rows with `par_chunks_mut`, so each row is written by
//! exactly one task and no locking is needed. Rows through the set cost far more than rows
//! far from it; idle workers take the rows that remain from busy ones, so the uneven cost
//! evens out.
//!
//! To stay dependency-free the example carries its own minimal PNG encoder: 8-bit RGB, one
//! `IDAT` chunk holding a zlib stream of *stored* (uncompressed) deflate blocks, with the
//! CRC-32 and Adler-32 checksums computed by hand. The file is larger than a compressed PNG
//! would be, but every image viewer reads it.

use beat::prelude::*;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| {
        let i = args.iter().position(|a| a == name)?;
        Some(
            args.get(i + 1)
                .unwrap_or_else(|| panic!("{name} needs a value")),
        )
    };
    let (width, height) = match value("--size") {
        Some(size) => parse_size(size).unwrap_or_else(|| panic!("--size wants WxH, not {size}")),
        None => (1600, 1200),
    };
    let max_iter: u32 = value("--iters").map_or(256, |n| n.parse().expect("--iters N"));
    let out = value("--out").map_or("mandelbrot.png", String::as_str);

    let start = Instant::now();
    let pixels = render(width, height, max_iter);
    let render_time = start.elapsed();

    let png = encode_png(width, height, &pixels);
    std::fs::write(out, &png).unwrap_or_else(|e| panic!("cannot write {out}: {e}"));
    println!(
        "rendered {width}x{height} (up to {max_iter} iterations) in {render_time:.1?}; \
         wrote {out} ({} bytes)",
        png.len()
    );
}

/// Parses `"640x480"`.
fn parse_size(s: &str) -> Option<(usize, usize)> {
    let (w, h) = s.split_once(['x', 'X'])?;
    let (w, h) = (w.parse().ok()?, h.parse().ok()?);
    (w > 0 && h > 0).then_some((w, h))
}

/// Renders the view of the complex plane around the set into RGB bytes, row after row.
fn render(width: usize, height: usize, max_iter: u32) -> Vec<u8> {
    // Keep the aspect ratio: the view is 3.0 wide, centred at -0.75 + 0i.
    let scale = 3.0 / width as f64;
    let (left, top) = (-0.75 - 1.5, scale * height as f64 / 2.0);
    let mut pixels = vec![0u8; width * height * 3];
    pixels
        .par_chunks_mut(width * 3)
        .enumerate()
        .for_each(|(y, row)| {
            let ci = top - y as f64 * scale;
            for (x, pixel) in row.chunks_exact_mut(3).enumerate() {
                let cr = left + x as f64 * scale;
                pixel.copy_from_slice(&colour(escape_time(cr, ci, max_iter), max_iter));
            }
        });
    pixels
}

/// The number of iterations of z -> z^2 + c before |z| > 2, or `max_iter` if it stays.
fn escape_time(cr: f64, ci: f64, max_iter: u32) -> u32 {
    let (mut zr, mut zi) = (0.0f64, 0.0f64);
    for i in 0..max_iter {
        let (zr2, zi2) = (zr * zr, zi * zi);
        if zr2 + zi2 > 4.0 {
            return i;
        }
        zi = 2.0 * zr * zi + ci;
        zr = zr2 - zi2 + cr;
    }
    max_iter
}

/// Black inside the set, a blue-to-gold ramp outside.
fn colour(iter: u32, max_iter: u32) -> [u8; 3] {
    if iter >= max_iter {
        return [0, 0, 0];
    }
    let t = (iter as f64 / max_iter as f64).sqrt();
    let ramp = |a: f64, b: f64| (255.0 * (a + (b - a) * t)).clamp(0.0, 255.0) as u8;
    [ramp(0.05, 1.0), ramp(0.1, 0.85), ramp(0.4, 0.2)]
}

/// Encodes 8-bit RGB pixels (row after row, `3 * width` bytes each) as a PNG file.
fn encode_png(width: usize, height: usize, rgb: &[u8]) -> Vec<u8> {
    assert_eq!(rgb.len(), width * height * 3);
    let dims = |n: usize| u32::try_from(n).expect("PNG sizes fit in 32 bits");

    // The image data: each row preceded by its filter type, 0 (none).
    let mut raw = Vec::with_capacity(height * (1 + 3 * width));
    for row in rgb.chunks_exact(3 * width) {
        raw.push(0);
        raw.extend_from_slice(row);
    }

    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&dims(width).to_be_bytes());
    ihdr.extend_from_slice(&dims(height).to_be_bytes());
    // Bit depth 8, colour type 2 (RGB), deflate compression, adaptive filtering, no interlace.
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);

    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    write_chunk(&mut png, b"IHDR", &ihdr);
    write_chunk(&mut png, b"IDAT", &zlib_stored(&raw));
    write_chunk(&mut png, b"IEND", &[]);
    png
}

/// Appends one chunk: length, type, data, and the CRC-32 of type and data.
fn write_chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    let len = u32::try_from(data.len()).expect("a PNG chunk holds less than 4 GiB");
    png.extend_from_slice(&len.to_be_bytes());
    let start = png.len();
    png.extend_from_slice(kind);
    png.extend_from_slice(data);
    let crc = crc32(&png[start..]);
    png.extend_from_slice(&crc.to_be_bytes());
}

/// A zlib stream (RFC 1950) of stored deflate blocks (RFC 1951), at most 65,535 bytes each.
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    const MAX_BLOCK: usize = 65_535;
    let blocks = data.len().div_ceil(MAX_BLOCK).max(1);
    let mut out = Vec::with_capacity(data.len() + 5 * blocks + 6);
    // CMF: deflate with a 32 KiB window; FLG: no dictionary, and CMF * 256 + FLG is a
    // multiple of 31 (0x7801 = 30721 = 31 * 991).
    out.extend_from_slice(&[0x78, 0x01]);
    let mut chunks = data.chunks(MAX_BLOCK).peekable();
    if chunks.peek().is_none() {
        out.extend_from_slice(&[1, 0, 0, 0xff, 0xff]); // one empty final block
    }
    while let Some(block) = chunks.next() {
        let last = chunks.peek().is_none();
        // The header bits: BFINAL, then BTYPE = 00 (stored); the rest of the byte is padding.
        out.push(u8::from(last));
        let len = block.len() as u16; // at most MAX_BLOCK
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    out.extend_from_slice(&adler32(data).to_be_bytes());
    out
}

/// The CRC-32 of ISO 3309 / ITU-T V.42 that PNG uses (reflected polynomial 0xEDB88320).
fn crc32(bytes: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut n = 0;
        while n < 256 {
            let mut c = n as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                k += 1;
            }
            table[n] = c;
            n += 1;
        }
        table
    };
    !bytes.iter().fold(!0u32, |c, &b| {
        TABLE[((c ^ u32::from(b)) & 0xff) as usize] ^ (c >> 8)
    })
}

/// The Adler-32 checksum zlib ends its stream with.
fn adler32(bytes: &[u8]) -> u32 {
    const MOD: u32 = 65_521;
    // 5552 bytes is the most that can be summed before the u32 sums could overflow.
    let (mut a, mut b) = (1u32, 0u32);
    for chunk in bytes.chunks(5552) {
        for &byte in chunk {
            a += u32::from(byte);
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    (b << 16) | a
}
