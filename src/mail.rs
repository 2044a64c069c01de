//! Email over SMTP (lettre): the confirmation messages of double opt-in. Without `--smtp-url`
//! nothing is sent; Chorus says so at start and in `/admin`, and staff see the links instead.

use lettre::message::{header::ContentType, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("'{0}' is not a valid sender address")]
    Sender(String),
    #[error("'{0}' is not a valid recipient address")]
    Recipient(String),
    #[error("cannot build the message")]
    Build(#[source] lettre::error::Error),
    #[error("the SMTP server refused or could not be reached")]
    Smtp(#[source] lettre::transport::smtp::Error),
}

/// An SMTP server URL, checked when the flag is parsed: `smtp://host:port` (STARTTLS when the
/// server offers it is not forced; add `?tls=required` to require it) or `smtps://host:port`.
#[derive(Clone)]
pub struct SmtpUrl(String);

impl SmtpUrl {
    pub fn parse(input: &str) -> Result<Self, String> {
        AsyncSmtpTransport::<Tokio1Executor>::from_url(input)
            .map(|_| Self(input.to_owned()))
            .map_err(|e| format!("not an SMTP URL ({e}); expected e.g. smtp://127.0.0.1:2525"))
    }
}

/// Shows the server without any password, safe for logs and `chorus config`.
impl std::fmt::Debug for SmtpUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match url::Url::parse(&self.0) {
            Ok(mut url) => {
                if url.password().is_some() {
                    let _ = url.set_password(Some("********"));
                }
                f.write_str(url.as_str())
            }
            Err(_) => f.write_str("smtp://<unparseable>"),
        }
    }
}

/// Sends mail through the configured server, or knows that none is configured. Clones share
/// the server's connection pool.
#[derive(Clone)]
pub struct Mailer {
    transport: Option<AsyncSmtpTransport<Tokio1Executor>>,
    from: Mailbox,
}

/// One plain-text message.
pub struct Mail<'a> {
    pub to_name: &'a str,
    pub to_address: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
}

impl Mailer {
    pub fn new(url: Option<&SmtpUrl>, from: &str) -> Result<Self, MailError> {
        let from: Mailbox = from.parse().map_err(|_| MailError::Sender(from.into()))?;
        let transport = match url {
            Some(url) => Some(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(&url.0)
                    .map_err(MailError::Smtp)?
                    .build(),
            ),
            None => None,
        };
        Ok(Self { transport, from })
    }

    /// Whether messages are actually sent.
    pub fn enabled(&self) -> bool {
        self.transport.is_some()
    }

    /// Sends `mail`; Ok(false) when no SMTP server is configured.
    pub async fn send(&self, mail: &Mail<'_>) -> Result<bool, MailError> {
        let Some(transport) = &self.transport else {
            return Ok(false);
        };
        let address = mail
            .to_address
            .parse()
            .map_err(|_| MailError::Recipient(mail.to_address.into()))?;
        let name = (!mail.to_name.is_empty()).then(|| mail.to_name.to_owned());
        let message = Message::builder()
            .from(self.from.clone())
            .to(Mailbox::new(name, address))
            .subject(mail.subject)
            .header(ContentType::TEXT_PLAIN)
            .body(mail.body.to_owned())
            .map_err(MailError::Build)?;
        transport.send(message).await.map_err(MailError::Smtp)?;
        Ok(true)
    }
}
