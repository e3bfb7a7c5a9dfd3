//! Server-sent events and the two streaming dialects built on them (OpenAI-compatible Chat Completions and
//! Anthropic Messages). Pure: bytes in, typed events out. Chunks may split anywhere (inside a line, a CRLF
//! pair or a UTF-8 sequence) or hold several events; the output is the same as for one big chunk.

mod decoder;

pub use decoder::*;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What a reply stream says, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum StreamEvent {
    /// The next piece of the reply's text.
    Token { text: String },
    /// The reply is complete.
    #[serde(rename_all = "camelCase")]
    Done {
        /// Why the model stopped ("stop", "length", "end_turn", "max_tokens", ...), when it said.
        finish_reason: Option<String>,
    },
    /// The provider reported an error inside the stream, or sent something that is not its format.
    #[serde(rename_all = "camelCase")]
    Error {
        /// The provider's error type (e.g. "overloaded_error", "server_error"), or "invalid_response".
        error_type: String,
        message: String,
    },
}

impl StreamEvent {
    fn token(text: &str) -> Self {
        Self::Token { text: text.into() }
    }

    fn invalid(what: &str) -> Self {
        Self::Error {
            error_type: "invalid_response".into(),
            message: format!("not a chat stream: {what}"),
        }
    }
}

/// The error type and message of a provider's JSON error body: OpenAI's `{"error": {"message", "type"}}`
/// (type may be missing or null, `code` used instead), Anthropic's `{"type": "error", "error": {"type",
/// "message"}}`, or a plain `{"error": "text"}` (Ollama, some proxies).
pub fn parse_error_body(body: &[u8]) -> Option<(String, String)> {
    let value: Value = serde_json::from_slice(body).ok()?;
    error_of(&value)
}

fn error_of(value: &Value) -> Option<(String, String)> {
    let error = value.get("error")?;
    if let Some(message) = error.as_str() {
        return Some(("error".into(), message.to_string()));
    }
    let message = error.get("message").and_then(Value::as_str)?.to_string();
    let kind = error
        .get("type")
        .and_then(Value::as_str)
        .or_else(|| error.get("code").and_then(Value::as_str))
        .unwrap_or("error")
        .to_string();
    Some((kind, message))
}

/// The two streaming dialects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    OpenAi,
    Anthropic,
}

/// Turns a reply's bytes into [`StreamEvent`]s for one dialect. After `Done` or `Error` nothing more is
/// produced.
#[derive(Debug)]
pub struct StreamParser {
    dialect: Dialect,
    sse: SseDecoder,
    ended: bool,
    saw_event: bool,
    finish_reason: Option<String>,
    /// The start of the body while no event has been seen, for [`parse_error_body`] at the end.
    raw: Vec<u8>,
}

impl StreamParser {
    /// A parser for `dialect`.
    pub fn new(dialect: Dialect) -> Self {
        Self {
            dialect,
            sse: SseDecoder::default(),
            ended: false,
            saw_event: false,
            finish_reason: None,
            raw: Vec::new(),
        }
    }

    /// Whether `Done` or `Error` was produced.
    pub fn is_ended(&self) -> bool {
        self.ended
    }

    /// Feeds a chunk; returns the events it completed.
    pub fn push(&mut self, chunk: &[u8]) -> Vec<StreamEvent> {
        if !self.saw_event && self.raw.len() < RAW_KEEP {
            self.raw.extend_from_slice(chunk);
        }
        let events = self.sse.push(chunk);
        let mut out = self.take(events);
        self.refuse_overflow(&mut out);
        out
    }

    /// A line or an event too large to be a reply's ends the stream as not the provider's format.
    fn refuse_overflow(&mut self, out: &mut Vec<StreamEvent>) {
        if self.sse.overflowed() && !self.ended {
            self.ended = true;
            out.push(StreamEvent::invalid("a line or event over 1 MiB"));
        }
    }

    /// The body ended. Yields what the last bytes completed; when the stream had no events at all, a JSON
    /// error body becomes an `Error`. A stream that ends without its end marker yields no `Done`: the caller
    /// treats it as cut short.
    pub fn finish(&mut self) -> Vec<StreamEvent> {
        let events = self.sse.finish();
        let mut out = self.take(events);
        self.refuse_overflow(&mut out);
        if !self.ended {
            if !self.saw_event {
                if let Some((error_type, message)) = parse_error_body(&self.raw) {
                    self.ended = true;
                    out.push(StreamEvent::Error {
                        error_type,
                        message,
                    });
                } else if !self.raw.iter().all(u8::is_ascii_whitespace) {
                    self.ended = true;
                    out.push(StreamEvent::invalid("no events"));
                }
            } else if self.dialect == Dialect::OpenAi && self.finish_reason.is_some() {
                // Some servers send the finish reason and close without `[DONE]`: the reply is whole.
                self.ended = true;
                out.push(StreamEvent::Done {
                    finish_reason: self.finish_reason.take(),
                });
            }
        }
        out
    }

    fn take(&mut self, events: Vec<SseEvent>) -> Vec<StreamEvent> {
        let mut out = Vec::new();
        for event in events {
            if self.ended {
                break;
            }
            self.saw_event = true;
            self.raw = Vec::new();
            match self.dialect {
                Dialect::OpenAi => self.openai(&event, &mut out),
                Dialect::Anthropic => self.anthropic(&event, &mut out),
            }
        }
        out
    }

    fn end(&mut self, event: StreamEvent, out: &mut Vec<StreamEvent>) {
        self.ended = true;
        out.push(event);
    }

    fn openai(&mut self, event: &SseEvent, out: &mut Vec<StreamEvent>) {
        let data = event.data.trim();
        if data == "[DONE]" {
            let finish_reason = self.finish_reason.take();
            self.end(StreamEvent::Done { finish_reason }, out);
            return;
        }
        if data.is_empty() {
            return;
        }
        let Ok(value) = serde_json::from_str::<Value>(data) else {
            self.end(StreamEvent::invalid("malformed JSON"), out);
            return;
        };
        if let Some((error_type, message)) = error_of(&value) {
            self.end(
                StreamEvent::Error {
                    error_type,
                    message,
                },
                out,
            );
            return;
        }
        let Some(choices) = value.get("choices").and_then(Value::as_array) else {
            // Usage-only chunks (stream_options.include_usage) and vendor extras carry no text.
            return;
        };
        for choice in choices {
            // Only the first choice is asked for; other indexes would interleave another reply.
            if choice.get("index").and_then(Value::as_u64).unwrap_or(0) != 0 {
                continue;
            }
            if let Some(text) = choice
                .get("delta")
                .and_then(|d| d.get("content"))
                .and_then(Value::as_str)
            {
                if !text.is_empty() {
                    out.push(StreamEvent::token(text));
                }
            }
            if let Some(reason) = choice.get("finish_reason").and_then(Value::as_str) {
                self.finish_reason = Some(reason.to_string());
            }
        }
    }

    fn anthropic(&mut self, event: &SseEvent, out: &mut Vec<StreamEvent>) {
        let Ok(value) = serde_json::from_str::<Value>(&event.data) else {
            self.end(StreamEvent::invalid("malformed JSON"), out);
            return;
        };
        // The data's own `type` names the event too; the `event:` line wins when both are present.
        let name = event
            .event
            .as_deref()
            .or_else(|| value.get("type").and_then(Value::as_str))
            .unwrap_or("");
        match name {
            "content_block_start" => {
                if let Some(text) = value
                    .get("content_block")
                    .filter(|b| b.get("type").and_then(Value::as_str) == Some("text"))
                    .and_then(|b| b.get("text"))
                    .and_then(Value::as_str)
                {
                    if !text.is_empty() {
                        out.push(StreamEvent::token(text));
                    }
                }
            }
            "content_block_delta" => {
                let delta = value.get("delta");
                // Only text: thinking, signature and tool-input deltas are not part of the reply.
                if delta.and_then(|d| d.get("type")).and_then(Value::as_str) == Some("text_delta") {
                    if let Some(text) = delta.and_then(|d| d.get("text")).and_then(Value::as_str) {
                        if !text.is_empty() {
                            out.push(StreamEvent::token(text));
                        }
                    }
                }
            }
            "message_delta" => {
                if let Some(reason) = value
                    .get("delta")
                    .and_then(|d| d.get("stop_reason"))
                    .and_then(Value::as_str)
                {
                    self.finish_reason = Some(reason.to_string());
                }
            }
            "message_stop" => {
                let finish_reason = self.finish_reason.take();
                self.end(StreamEvent::Done { finish_reason }, out);
            }
            "error" => {
                let (error_type, message) = error_of(&value)
                    .unwrap_or_else(|| ("error".into(), "an error without a message".into()));
                self.end(
                    StreamEvent::Error {
                        error_type,
                        message,
                    },
                    out,
                );
            }
            // message_start, content_block_stop, ping and future event types carry no reply text.
            _ => {}
        }
    }
}

/// The text of a stream's tokens, and its end, for tests and tools.
pub fn collect(events: &[StreamEvent]) -> String {
    events
        .iter()
        .filter_map(|e| match e {
            StreamEvent::Token { text } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failing test should panic
mod tests {
    use super::*;
    use proptest::prelude::*;

    const OPENAI: &str = concat!(
        ": keep-alive\r\n\r\n",
        "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\r\n\r\n",
        "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hé\"},\"finish_reason\":null}]}\r\n\r\n",
        "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"llo 🌿 \"},\"finish_reason\":null}]}\n\n",
        "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"you\"},\"finish_reason\":null}]}\n\n",
        "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n",
        "data: [DONE]\n\n",
    );

    const ANTHROPIC: &str = concat!(
        "event: message_start\n",
        "data: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude\",\"stop_reason\":null,\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}\n\n",
        "event: content_block_start\n",
        "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
        "event: ping\n",
        "data: {\"type\": \"ping\"}\n\n",
        "event: content_block_delta\n",
        "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hé\"}}\n\n",
        "event: content_block_delta\n",
        "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"llo 🌿 you\"}}\n\n",
        "event: content_block_stop\n",
        "data: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
        "event: message_delta\n",
        "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":15}}\n\n",
        "event: message_stop\n",
        "data: {\"type\":\"message_stop\"}\n\n",
    );

    fn run(dialect: Dialect, chunks: &[&[u8]]) -> Vec<StreamEvent> {
        let mut p = StreamParser::new(dialect);
        let mut out = Vec::new();
        for c in chunks {
            out.extend(p.push(c));
        }
        out.extend(p.finish());
        out
    }

    fn done(reason: &str) -> StreamEvent {
        StreamEvent::Done {
            finish_reason: Some(reason.into()),
        }
    }

    #[test]
    fn openai_whole_stream() {
        let events = run(Dialect::OpenAi, &[OPENAI.as_bytes()]);
        assert_eq!(collect(&events), "Héllo 🌿 you");
        assert_eq!(events.last(), Some(&done("stop")));
        assert_eq!(events.len(), 4);
    }

    #[test]
    fn anthropic_whole_stream() {
        let events = run(Dialect::Anthropic, &[ANTHROPIC.as_bytes()]);
        assert_eq!(collect(&events), "Héllo 🌿 you");
        assert_eq!(events.last(), Some(&done("end_turn")));
    }

    #[test]
    fn byte_by_byte_including_inside_utf8_and_crlf() {
        for (dialect, text) in [(Dialect::OpenAi, OPENAI), (Dialect::Anthropic, ANTHROPIC)] {
            let bytes = text.as_bytes();
            let chunks: Vec<&[u8]> = bytes.chunks(1).collect();
            assert_eq!(run(dialect, &chunks), run(dialect, &[bytes]));
        }
    }

    #[test]
    fn bare_cr_line_endings_and_cr_at_chunk_end() {
        let s = "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\r\rdata: [DONE]\r\r";
        let whole = run(Dialect::OpenAi, &[s.as_bytes()]);
        assert_eq!(collect(&whole), "a");
        let (a, b) = s.as_bytes().split_at(s.find('\r').unwrap() + 1);
        assert_eq!(run(Dialect::OpenAi, &[a, b]), whole);
    }

    #[test]
    fn several_events_in_one_chunk_and_multiline_data() {
        let mut d = SseDecoder::default();
        let events = d.push(b"event: a\ndata: 1\ndata:2\n\n:c\ndata: x\n\n");
        assert_eq!(
            events,
            vec![
                SseEvent {
                    event: Some("a".into()),
                    data: "1\n2".into()
                },
                SseEvent {
                    event: None,
                    data: "x".into()
                }
            ]
        );
    }

    #[test]
    fn stream_cut_before_done_has_no_done() {
        let cut = &OPENAI[..OPENAI.find("you").unwrap() + 10];
        let events = run(Dialect::OpenAi, &[cut.as_bytes()]);
        assert_eq!(collect(&events), "Héllo 🌿 ");
        assert!(!events.iter().any(|e| matches!(e, StreamEvent::Done { .. })));
    }

    #[test]
    fn finish_reason_without_done_marker_is_done() {
        let s =
            "data: {\"choices\":[{\"delta\":{\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}\n\n";
        assert_eq!(
            run(Dialect::OpenAi, &[s.as_bytes()]).last(),
            Some(&done("stop"))
        );
    }

    #[test]
    fn error_bodies() {
        let openai = br#"{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"#;
        assert_eq!(
            run(Dialect::OpenAi, &[openai]),
            vec![StreamEvent::Error {
                error_type: "invalid_request_error".into(),
                message: "Incorrect API key provided".into()
            }]
        );
        let anthropic =
            br#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#;
        assert_eq!(
            parse_error_body(anthropic),
            Some(("overloaded_error".into(), "Overloaded".into()))
        );
        assert_eq!(
            parse_error_body(br#"{"error":"model 'x' not found"}"#),
            Some(("error".into(), "model 'x' not found".into()))
        );
        assert_eq!(parse_error_body(b"<html>502</html>"), None);
    }

    #[test]
    fn errors_inside_streams() {
        let s = "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\ndata: {\"error\":{\"message\":\"upstream failed\",\"code\":\"server_error\"}}\n\ndata: {\"choices\":[{\"delta\":{\"content\":\"b\"}}]}\n\n";
        let events = run(Dialect::OpenAi, &[s.as_bytes()]);
        assert_eq!(collect(&events), "a");
        assert_eq!(
            events.last(),
            Some(&StreamEvent::Error {
                error_type: "server_error".into(),
                message: "upstream failed".into()
            })
        );
        let a = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"a\"}}\n\nevent: error\ndata: {\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", \"message\": \"Overloaded\"}}\n\n";
        let events = run(Dialect::Anthropic, &[a.as_bytes()]);
        assert_eq!(collect(&events), "a");
        assert!(
            matches!(events.last(), Some(StreamEvent::Error { error_type, .. }) if error_type == "overloaded_error")
        );
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for g in [
            &b"data: {not json\n\n"[..],
            b"\xff\xfe\x00garbage",
            b"<html><body>Bad gateway</body></html>",
        ] {
            for dialect in [Dialect::OpenAi, Dialect::Anthropic] {
                let events = run(dialect, &[g]);
                assert!(
                    matches!(events.last(), Some(StreamEvent::Error { error_type, .. }) if error_type == "invalid_response"),
                    "{dialect:?} {events:?}"
                );
            }
        }
        assert!(run(Dialect::OpenAi, &[b"  \n\n"]).is_empty());
    }

    #[test]
    fn non_text_anthropic_deltas_are_ignored() {
        let s = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"hmm\"}}\n\nevent: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"hi\"}}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        let events = run(Dialect::Anthropic, &[s.as_bytes()]);
        assert_eq!(collect(&events), "hi");
    }

    #[test]
    fn nothing_after_the_end() {
        let s =
            format!("{OPENAI}data: {{\"choices\":[{{\"delta\":{{\"content\":\"extra\"}}}}]}}\n\n");
        assert_eq!(
            collect(&run(Dialect::OpenAi, &[s.as_bytes()])),
            "Héllo 🌿 you"
        );
    }

    #[test]
    fn a_line_or_event_too_large_ends_the_stream() {
        let invalid = |events: &[StreamEvent]| matches!(events, [StreamEvent::Error { error_type, .. }] if error_type == "invalid_response");
        // One line that never ends, in 64 KiB chunks: refused once it passes the cap, memory stays bounded.
        let mut p = StreamParser::new(Dialect::OpenAi);
        let chunk = vec![b'x'; 64 * 1024];
        let mut seen = Vec::new();
        for _ in 0..(MAX_EVENT_BYTES / chunk.len() + 2) {
            seen.extend(p.push(&chunk));
        }
        assert!(invalid(&seen), "{seen:?}");
        assert!(p.push(b"data: [DONE]\n\n").is_empty() && p.finish().is_empty());
        // Short lines that add up to one event over the cap.
        let mut p = StreamParser::new(Dialect::OpenAi);
        let line = format!("data: {}\n", "y".repeat(1000));
        let seen: Vec<_> = (0..MAX_EVENT_BYTES / 1000 + 1)
            .flat_map(|_| p.push(line.as_bytes()))
            .collect();
        assert!(invalid(&seen), "{seen:?}");
        // Just under the cap is read as usual.
        let mut p = StreamParser::new(Dialect::OpenAi);
        let padding = " ".repeat(MAX_EVENT_BYTES - 200);
        let event = format!(
            "data: {{\"choices\":[{{\"delta\":{{\"content\":\"hi\"}},\"finish_reason\":null}}]}}{padding}\n\n"
        );
        assert_eq!(p.push(event.as_bytes()), vec![StreamEvent::token("hi")]);
    }

    fn split_at(bytes: &[u8], cuts: &[usize]) -> Vec<Vec<u8>> {
        let mut cuts: Vec<usize> = cuts.iter().map(|c| c % (bytes.len() + 1)).collect();
        cuts.sort_unstable();
        let mut out = Vec::new();
        let mut last = 0;
        for c in cuts {
            out.push(bytes[last..c].to_vec());
            last = c;
        }
        out.push(bytes[last..].to_vec());
        out
    }

    /// Bytes that look like a stream more often than random ones: SSE field names, JSON pieces, line ends.
    fn streamish() -> impl Strategy<Value = Vec<u8>> {
        let piece = prop_oneof![
            Just(b"data: ".to_vec()),
            Just(b"event: ".to_vec()),
            Just(b"\n".to_vec()),
            Just(b"\r\n".to_vec()),
            Just(b"[DONE]".to_vec()),
            Just(b"{\"choices\":[{\"delta\":{\"content\":".to_vec()),
            Just(b"{\"type\":\"content_block_delta\",\"delta\":{\"text\":".to_vec()),
            Just(b"{\"type\":\"error\",\"error\":".to_vec()),
            Just(b"}]}".to_vec()),
            proptest::collection::vec(any::<u8>(), 0..40),
            "\\PC{0,20}".prop_map(String::into_bytes),
        ];
        proptest::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        // Issue 13's fuzzing proof: 4,000 streams of arbitrary and stream-like bytes in each dialect,
        // cut anywhere. The decoder never panics, ends at most once, and every failure is a typed event.
        #![proptest_config(ProptestConfig::with_cases(4_000))]
        #[test]
        fn arbitrary_bytes_never_panic_and_fail_as_typed_events(
            bytes in prop_oneof![proptest::collection::vec(any::<u8>(), 0..2048), streamish()],
            cuts in proptest::collection::vec(0usize..2048, 0..20),
        ) {
            for dialect in [Dialect::OpenAi, Dialect::Anthropic] {
                let chunks = split_at(&bytes, &cuts);
                let refs: Vec<&[u8]> = chunks.iter().map(Vec::as_slice).collect();
                let events = run(dialect, &refs);
                let ends = events
                    .iter()
                    .filter(|e| !matches!(e, StreamEvent::Token { .. }))
                    .count();
                prop_assert!(ends <= 1, "{events:?}");
                if let Some(end) = events.iter().position(|e| !matches!(e, StreamEvent::Token { .. })) {
                    prop_assert_eq!(end, events.len() - 1, "nothing after the end: {:?}", events);
                }
                for event in &events {
                    if let StreamEvent::Error { error_type, .. } = event {
                        prop_assert!(!error_type.is_empty());
                    }
                }
            }
        }

        #[test]
        fn random_splits_give_the_same_events(cuts in proptest::collection::vec(0usize..4096, 0..40)) {
            for (dialect, text) in [(Dialect::OpenAi, OPENAI), (Dialect::Anthropic, ANTHROPIC)] {
                let chunks = split_at(text.as_bytes(), &cuts);
                let refs: Vec<&[u8]> = chunks.iter().map(Vec::as_slice).collect();
                prop_assert_eq!(run(dialect, &refs), run(dialect, &[text.as_bytes()]));
            }
        }
    }
}
