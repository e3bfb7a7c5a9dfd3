//! Server-sent event framing: bytes in any chunking, whole events out.

/// Bytes of a stream kept to look for a plain JSON error body (a server that answers an SSE request with
/// `{"error": ...}` and no events); more than this is not an error body.
pub(super) const RAW_KEEP: usize = 64 * 1024;

/// The longest line, and the most data in one event, in bytes. A reply arrives in pieces of a few hundred
/// bytes; a stream that sends more than this in one line or event is not a reply, and reading on would
/// grow memory without bound.
pub const MAX_EVENT_BYTES: usize = 1024 * 1024;

/// One SSE event: its `event:` name (if any) and its `data:` lines joined with `\n`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SseEvent {
    pub event: Option<String>,
    pub data: String,
}

/// Splits bytes into SSE events (the WHATWG rules: `\r\n`, `\n` or `\r` end a line; a blank line dispatches;
/// `:` starts a comment; one space after the field's colon is dropped; unknown fields are ignored).
#[derive(Debug, Default)]
pub struct SseDecoder {
    /// The bytes of an unfinished line. Kept as bytes so a UTF-8 sequence split across chunks is decoded whole.
    line: Vec<u8>,
    /// The last chunk ended in `\r`: a `\n` starting the next one belongs to the same line ending.
    after_cr: bool,
    event: Option<String>,
    data: String,
    has_data: bool,
    /// A line or an event went past [`MAX_EVENT_BYTES`]: nothing more is read.
    overflowed: bool,
}

impl SseDecoder {
    /// Feeds a chunk; returns the events it completed.
    pub fn push(&mut self, chunk: &[u8]) -> Vec<SseEvent> {
        let mut out = Vec::new();
        if self.overflowed {
            return out;
        }
        let mut start = 0;
        let mut i = 0;
        if self.after_cr && chunk.first() == Some(&b'\n') {
            start = 1;
            i = 1;
        }
        self.after_cr = false;
        while i < chunk.len() {
            let b = chunk[i];
            if b == b'\n' || b == b'\r' {
                if !self.keep(&chunk[start..i]) {
                    return out;
                }
                let line = std::mem::take(&mut self.line);
                self.take_line(&line, &mut out);
                if self.overflowed {
                    return out;
                }
                if b == b'\r' {
                    if i + 1 == chunk.len() {
                        self.after_cr = true;
                    } else if chunk[i + 1] == b'\n' {
                        i += 1;
                    }
                }
                start = i + 1;
            }
            i += 1;
        }
        self.keep(&chunk[start..]);
        out
    }

    /// Whether a line or an event went past [`MAX_EVENT_BYTES`] (the stream is then refused).
    pub fn overflowed(&self) -> bool {
        self.overflowed
    }

    /// Adds bytes to the unfinished line, unless that makes it too long.
    fn keep(&mut self, bytes: &[u8]) -> bool {
        if self.line.len() + bytes.len() > MAX_EVENT_BYTES {
            self.overflowed = true;
            self.line = Vec::new();
            return false;
        }
        self.line.extend_from_slice(bytes);
        true
    }

    /// The stream ended: an unterminated last line counts, and a pending event is dispatched (servers
    /// often close right after the last `data:` line).
    pub fn finish(&mut self) -> Vec<SseEvent> {
        let mut out = Vec::new();
        if self.overflowed {
            return out;
        }
        if !self.line.is_empty() {
            let line = std::mem::take(&mut self.line);
            self.take_line(&line, &mut out);
        }
        self.take_line(b"", &mut out);
        out
    }

    pub(super) fn take_line(&mut self, line: &[u8], out: &mut Vec<SseEvent>) {
        if line.is_empty() {
            if self.has_data {
                let mut data = std::mem::take(&mut self.data);
                if data.ends_with('\n') {
                    data.pop();
                }
                out.push(SseEvent {
                    event: self.event.take(),
                    data,
                });
            }
            self.event = None;
            self.has_data = false;
            return;
        }
        if line[0] == b':' {
            return; // a comment or keep-alive
        }
        let text = String::from_utf8_lossy(line);
        let (field, value) = match text.find(':') {
            Some(at) => {
                let value = &text[at + 1..];
                (&text[..at], value.strip_prefix(' ').unwrap_or(value))
            }
            None => (&text[..], ""),
        };
        match field {
            "data" => {
                if self.data.len() + value.len() + 1 > MAX_EVENT_BYTES {
                    self.overflowed = true;
                    self.data = String::new();
                    return;
                }
                self.data.push_str(value);
                self.data.push('\n');
                self.has_data = true;
            }
            "event" => self.event = Some(value.to_string()),
            _ => {} // id, retry and unknown fields do not matter for a one-shot reply
        }
    }
}
