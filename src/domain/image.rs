//! Uploaded pictures: checked to be an image, bounded, resized and re-encoded as JPEG (which also
//! drops embedded metadata such as camera location).

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{ImageReader, Limits};
use thiserror::Error;

/// Uploads larger than this are refused before decoding.
pub const MAX_UPLOAD_BYTES: usize = 5 * 1024 * 1024;
/// Hero images are scaled to at most this width; ambassador photos to [`PHOTO_WIDTH`].
pub const HERO_WIDTH: u32 = 1200;
pub const PHOTO_WIDTH: u32 = 480;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum ImageError {
    #[error("the image is larger than 5 MB; please upload a smaller one")]
    TooLarge,
    #[error("the file is not a JPEG, PNG or WebP image")]
    NotAnImage,
    #[error("the image is more than 8,000 pixels wide or tall")]
    TooManyPixels,
    #[error("the image could not be converted")]
    Encoding,
}

/// A ready-to-store JPEG.
pub struct PreparedImage {
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Decodes `upload`, scales it down to `max_width` if wider, and re-encodes it as JPEG.
pub fn prepare(upload: &[u8], max_width: u32) -> Result<PreparedImage, ImageError> {
    if upload.len() > MAX_UPLOAD_BYTES {
        return Err(ImageError::TooLarge);
    }
    let mut reader = ImageReader::new(Cursor::new(upload))
        .with_guessed_format()
        .map_err(|_| ImageError::NotAnImage)?;
    if reader.format().is_none() {
        return Err(ImageError::NotAnImage);
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(8000);
    limits.max_image_height = Some(8000);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let decoded = reader.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => ImageError::TooManyPixels,
        _ => ImageError::NotAnImage,
    })?;
    let scaled = if decoded.width() > max_width {
        let height = (u64::from(decoded.height()) * u64::from(max_width)
            / u64::from(decoded.width()))
        .max(1);
        decoded.resize_exact(
            max_width,
            u32::try_from(height).unwrap_or(1),
            FilterType::Triangle,
        )
    } else {
        decoded
    };
    let rgb = scaled.to_rgb8();
    let mut bytes = Vec::new();
    JpegEncoder::new_with_quality(&mut bytes, 82)
        .encode_image(&rgb)
        .map_err(|_| ImageError::Encoding)?;
    Ok(PreparedImage {
        bytes,
        width: rgb.width(),
        height: rgb.height(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let mut out = Vec::new();
        image::DynamicImage::ImageRgb8(img)
            .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
            .expect("encode png");
        out
    }

    #[test]
    fn scales_and_reencodes() {
        let prepared = prepare(&png(2400, 1200), HERO_WIDTH).expect("prepared");
        assert_eq!((prepared.width, prepared.height), (1200, 600));
        assert_eq!(&prepared.bytes[..3], &[0xFF, 0xD8, 0xFF], "JPEG magic");
        let small = prepare(&png(300, 200), HERO_WIDTH).expect("prepared");
        assert_eq!((small.width, small.height), (300, 200));
    }

    #[test]
    fn refuses_what_is_not_an_image() {
        assert_eq!(
            prepare(b"<script>alert(1)</script>", HERO_WIDTH).err(),
            Some(ImageError::NotAnImage)
        );
        assert_eq!(
            prepare(b"%PDF-1.7 not an image", HERO_WIDTH).err(),
            Some(ImageError::NotAnImage)
        );
        let mut truncated = png(50, 50);
        truncated.truncate(60);
        assert_eq!(
            prepare(&truncated, HERO_WIDTH).err(),
            Some(ImageError::NotAnImage)
        );
        assert_eq!(
            prepare(&vec![0u8; MAX_UPLOAD_BYTES + 1], HERO_WIDTH).err(),
            Some(ImageError::TooLarge)
        );
    }
}
