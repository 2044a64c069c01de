//! Uploaded pictures: checked to be an image, bounded, resized and re-encoded as JPEG (which also
//! drops embedded metadata such as camera location).

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{ImageReader, Limits};
use thiserror::Error;

/// Uploads larger than this are refused before decoding.
pub const MAX_UPLOAD_BYTES: usize = 5 * 1024 * 1024;
/// The most pixels an upload may have (a 6,000 × 4,000 photo): read from the file's header
/// before anything is decoded, so a small file that would decode to gigabytes is refused first.
pub const MAX_PIXELS: u64 = 24_000_000;
/// The longest side an upload may have.
pub const MAX_SIDE: u32 = 8_000;
/// What the decoder may allocate for one image (24 MP as RGBA is 96 MB).
const MAX_DECODE_BYTES: u64 = 128 * 1024 * 1024;
/// Hero images are scaled to at most this width; ambassador photos to [`PHOTO_WIDTH`].
pub const HERO_WIDTH: u32 = 1200;
pub const PHOTO_WIDTH: u32 = 480;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum ImageError {
    #[error("the image is larger than 5 MB; please upload a smaller one")]
    TooLarge,
    #[error("the file is not a JPEG, PNG or WebP image")]
    NotAnImage,
    #[error(
        "the image is {width} × {height} pixels; please upload one of at most 24 megapixels \
         (such as 6,000 × 4,000) and 8,000 pixels on a side"
    )]
    TooManyPixels { width: u32, height: u32 },
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
    let (width, height) = reader_of(upload)?
        .into_dimensions()
        .map_err(|_| ImageError::NotAnImage)?;
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(ImageError::TooManyPixels { width, height });
    }
    let mut reader = reader_of(upload)?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let decoded = reader.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => ImageError::TooManyPixels { width, height },
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

/// A reader of `upload` in the format its first bytes name; NotAnImage when they name none.
fn reader_of(upload: &[u8]) -> Result<ImageReader<Cursor<&[u8]>>, ImageError> {
    let reader = ImageReader::new(Cursor::new(upload))
        .with_guessed_format()
        .map_err(|_| ImageError::NotAnImage)?;
    if reader.format().is_none() {
        return Err(ImageError::NotAnImage);
    }
    Ok(reader)
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

    /// `png` with its header claiming `width` × `height` (the pixels themselves never come).
    fn png_claiming(width: u32, height: u32) -> Vec<u8> {
        let mut file = png(1, 1);
        file[16..20].copy_from_slice(&width.to_be_bytes());
        file[20..24].copy_from_slice(&height.to_be_bytes());
        // The header chunk's CRC-32 covers its type and data (bytes 12..29).
        let crc = file[12..29].iter().fold(!0u32, |mut crc, &byte| {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
            crc
        });
        file[29..33].copy_from_slice(&(!crc).to_be_bytes());
        file
    }

    #[test]
    fn refuses_huge_pictures_from_their_header() {
        for (width, height) in [(7999, 7999), (8001, 10), (10, 9000), (6000, 4001)] {
            assert_eq!(
                prepare(&png_claiming(width, height), HERO_WIDTH).err(),
                Some(ImageError::TooManyPixels { width, height }),
                "{width} × {height}"
            );
        }
        let message = ImageError::TooManyPixels {
            width: 7999,
            height: 7999,
        }
        .to_string();
        assert!(message.contains("7999 × 7999") && message.contains("24 megapixels"));
        // Within the bounds, the header is believed only so far: the missing pixels fail.
        assert_eq!(
            prepare(&png_claiming(6000, 4000), HERO_WIDTH).err(),
            Some(ImageError::NotAnImage)
        );
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
