//! QR codes for touchpoints: error correction Q (a quarter of the code may be scratched, covered
//! by a sticker corner or blurred on a stage screen and it still scans) and a quiet zone.

use std::fmt::Write;
use std::io::Cursor;

use qrcode::{Color, EcLevel, QrCode};

/// Light modules around the code, as the standard asks (ISO/IEC 18004: four).
const QUIET_ZONE: usize = 4;

#[derive(Debug, thiserror::Error)]
#[error("cannot draw the QR code: {0}")]
pub struct QrError(String);

fn code(url: &str) -> Result<QrCode, QrError> {
    QrCode::with_error_correction_level(url.as_bytes(), EcLevel::Q)
        .map_err(|e| QrError(e.to_string()))
}

/// An SVG QR code of `url`, at least `size` pixels wide. One module is one unit of the view box
/// and each row's run of dark modules one rectangle of a single path: a third of the size of a
/// square per module (the venue screen's page carries one inline).
pub fn svg(url: &str, size: u32) -> Result<String, QrError> {
    let code = code(url)?;
    let width = code.width();
    let side = width + 2 * QUIET_ZONE;
    let mut path = String::new();
    for (y, row) in code.to_colors().chunks(width).enumerate() {
        // After `z` the pen is back at the run's start, so the next run of the row is a
        // relative step from there.
        let (mut x, mut pen) = (0, None);
        while x < width {
            let run = row[x..].iter().take_while(|c| **c == Color::Dark).count();
            if run > 0 {
                let _ = match pen {
                    None => write!(path, "M{} {}", x + QUIET_ZONE, y + QUIET_ZONE),
                    Some(start) => write!(path, "m{} 0", x - start),
                };
                let _ = write!(path, "h{run}v1h-{run}z");
                pen = Some(x);
            }
            x += run.max(1);
        }
    }
    let pixels = side * (size as usize).div_ceil(side);
    Ok(format!(
        concat!(
            r#"<?xml version="1.0" standalone="yes"?>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{pixels}" "#,
            r#"height="{pixels}" viewBox="0 0 {side} {side}" shape-rendering="crispEdges">"#,
            r##"<rect width="{side}" height="{side}" fill="#fff"/>"##,
            r##"<path fill="#000" d="{path}"/></svg>"##
        ),
        pixels = pixels,
        side = side,
        path = path
    ))
}

/// A PNG QR code of `url`, at least `size` pixels wide.
pub fn png(url: &str, size: u32) -> Result<Vec<u8>, QrError> {
    let image = code(url)?
        .render::<image::Luma<u8>>()
        .min_dimensions(size, size)
        .quiet_zone(true)
        .build();
    let mut out = Vec::new();
    image::DynamicImage::ImageLuma8(image)
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .map_err(|e| QrError(e.to_string()))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_both_formats() {
        let url = "https://chorus.example/t/DEMQ222/q";
        let drawn = svg(url, 300).expect("svg");
        assert!(drawn.starts_with("<?xml") && drawn.contains("<svg"));
        // The same modules as the picture: every dark module is drawn, once.
        let code = code(url).expect("code");
        let side = code.width() + 2 * QUIET_ZONE;
        assert!(drawn.contains(&format!(r#"viewBox="0 0 {side} {side}""#)));
        let dark = code
            .to_colors()
            .iter()
            .filter(|c| **c == Color::Dark)
            .count();
        let drawn_dark: usize = drawn
            .split('h')
            .skip(1)
            .filter_map(|part| part.split('v').next()?.parse::<usize>().ok())
            .sum();
        assert_eq!(drawn_dark, dark, "each dark module drawn once");
        assert!(drawn.len() < 4_000, "{} bytes", drawn.len());
        let picture = png(url, 300).expect("png");
        assert_eq!(&picture[..4], b"\x89PNG");
        let decoded = image::load_from_memory(&picture).expect("decodes");
        assert!(decoded.width() >= 300);
    }
}
