//! Collects every problem of an input at once, so a form can list them all.

/// The problems found in an input, each a sentence a person understands.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Invalid(pub Vec<String>);

impl Invalid {
    /// Keeps the value, or records the error and gives `None`.
    pub fn check<T, E: std::fmt::Display>(&mut self, result: Result<T, E>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(err) => {
                self.0.push(err.to_string());
                None
            }
        }
    }

    pub fn push(&mut self, message: impl Into<String>) {
        self.0.push(message.into());
    }

    /// `Ok(value)` when nothing was recorded.
    pub fn finish<T>(self, value: impl FnOnce() -> Option<T>) -> Result<T, Invalid> {
        if self.0.is_empty() {
            value().ok_or(self)
        } else {
            Err(self)
        }
    }
}

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.join(" "))
    }
}

impl std::error::Error for Invalid {}

/// Parses an optional non-negative whole number (blank is `None`).
pub fn optional_count(field: &'static str, input: &str) -> Result<Option<i64>, String> {
    let raw = input.trim().replace([',', '_', ' '], "");
    if raw.is_empty() {
        return Ok(None);
    }
    match raw.parse::<i64>() {
        Ok(n) if n >= 0 => Ok(Some(n)),
        Ok(_) => Err(format!("{field} cannot be negative")),
        Err(_) => Err(format!(
            "{field}: '{}' is not a whole number",
            input.trim().chars().take(20).collect::<String>()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_all_problems() {
        let mut invalid = Invalid::default();
        let a = invalid.check::<i32, _>(Err("first is wrong"));
        let b = invalid.check::<_, String>(Ok(2));
        invalid.check::<i32, _>(Err("second is wrong"));
        assert_eq!((a, b), (None, Some(2)));
        assert_eq!(invalid.clone().finish(|| Some(1)), Err(invalid.clone()));
        assert_eq!(invalid.0.len(), 2);
        assert_eq!(Invalid::default().finish(|| Some(1)), Ok(1));
        assert_eq!(optional_count("Capacity", "1,200"), Ok(Some(1200)));
        assert!(optional_count("Capacity", "-3").is_err());
        assert!(optional_count("Capacity", "many").is_err());
        assert_eq!(optional_count("Capacity", ""), Ok(None));
    }
}
