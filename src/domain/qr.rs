//! QR codes for touchpoints: error correction Q (a quarter of the code may be scratched, covered
//! by a sticker corner or blurred on a stage screen and it still scans) and a quiet zone.

use std::io::Cursor;

use qrcode::{EcLevel, QrCode};

#[derive(Debug, thiserror::Error)]
#[error("cannot draw the QR code: {0}")]
pub struct QrError(String);

fn code(url: &str) -> Result<QrCode, QrError> {
    QrCode::with_error_correction_level(url.as_bytes(), EcLevel::Q)
        .map_err(|e| QrError(e.to_string()))
}

/// An SVG QR code of `url`, at least `size` pixels wide.
pub fn svg(url: &str, size: u32) -> Result<String, QrError> {
    Ok(code(url)?
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(size, size)
        .quiet_zone(true)
        .build())
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
        let picture = png(url, 300).expect("png");
        assert_eq!(&picture[..4], b"\x89PNG");
        let decoded = image::load_from_memory(&picture).expect("decodes");
        assert!(decoded.width() >= 300);
    }
}
