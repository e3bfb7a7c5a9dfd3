//! A real HTTP/1.1 server on 127.0.0.1 (ephemeral port) for the chat provider tests. It speaks the OpenAI
//! and Anthropic streaming formats over chunked transfer encoding, and can be told to stall, cut a stream,
//! answer with an error status and body, or send garbage. Hand-written on tokio so each fault is exact.
#![allow(dead_code, clippy::unwrap_used)]

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the server does with one request.
#[derive(Clone, Debug)]
pub enum Reply {
    /// 200 with an SSE body sent as these chunks, `gap` apart; then `end`.
    Stream {
        chunks: Vec<Vec<u8>>,
        gap: Duration,
        end: End,
    },
    /// This status and JSON body.
    Status {
        code: u16,
        body: String,
        retry_after: Option<u32>,
    },
    /// Reads the request and never answers.
    StallBeforeHeaders,
    /// 307 Temporary Redirect to `location`.
    Redirect { location: String },
}

/// How a streamed reply ends.
#[derive(Clone, Debug, PartialEq)]
pub enum End {
    /// The terminating chunk: a clean end of the body.
    Clean,
    /// The connection is closed mid-body (no terminating chunk).
    Cut,
    /// Headers and chunks sent, then silence while the connection stays open.
    Stall,
}

/// One request as the server received it.
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: String,
    pub path: String,
    /// Header names lower-cased.
    pub headers: Vec<(String, String)>,
    pub body: serde_json::Value,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

pub struct Server {
    pub base_url: String,
    pub seen: Arc<Mutex<Vec<Seen>>>,
    script: Arc<Mutex<VecDeque<Reply>>>,
}

impl Server {
    /// A server answering requests with `replies` in order; the last one repeats.
    pub async fn start(replies: Vec<Reply>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base_url = format!("http://{}/v1", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let script = Arc::new(Mutex::new(VecDeque::from(replies)));
        let (s, q) = (seen.clone(), script.clone());
        tokio::spawn(async move {
            loop {
                let Ok((socket, _)) = listener.accept().await else {
                    return;
                };
                let (s, q) = (s.clone(), q.clone());
                tokio::spawn(async move {
                    let _ = serve(socket, s, q).await;
                });
            }
        });
        Self {
            base_url,
            seen,
            script,
        }
    }

    pub fn requests(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

async fn serve(
    mut socket: TcpStream,
    seen: Arc<Mutex<Vec<Seen>>>,
    script: Arc<Mutex<VecDeque<Reply>>>,
) -> std::io::Result<()> {
    // Head
    let mut buf = Vec::new();
    let mut tmp = [0u8; 4096];
    let head_end = loop {
        let n = socket.read(&mut tmp).await?;
        if n == 0 {
            return Ok(());
        }
        buf.extend_from_slice(&tmp[..n]);
        if let Some(at) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or_default();
    let mut parts = request_line.split(' ');
    let method = parts.next().unwrap_or_default().to_string();
    let path = parts.next().unwrap_or_default().to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = buf[head_end..].to_vec();
    while body.len() < length {
        let n = socket.read(&mut tmp).await?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&tmp[..n]);
    }
    seen.lock().unwrap().push(Seen {
        method,
        path,
        headers,
        body: serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null),
    });
    let reply = {
        let mut q = script.lock().unwrap();
        if q.len() > 1 {
            q.pop_front()
        } else {
            q.front().cloned()
        }
    };
    match reply.unwrap_or(Reply::Status {
        code: 500,
        body: "{}".into(),
        retry_after: None,
    }) {
        Reply::StallBeforeHeaders => {
            tokio::time::sleep(Duration::from_secs(30)).await;
        }
        Reply::Redirect { location } => {
            let head = format!(
                "HTTP/1.1 307 Temporary Redirect\r\nlocation: {location}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
            );
            socket.write_all(head.as_bytes()).await?;
            socket.flush().await?;
        }
        Reply::Status {
            code,
            body,
            retry_after,
        } => {
            let reason = match code {
                400 => "Bad Request",
                401 => "Unauthorized",
                404 => "Not Found",
                429 => "Too Many Requests",
                500 => "Internal Server Error",
                503 => "Service Unavailable",
                529 => "Overloaded",
                _ => "Status",
            };
            let extra = retry_after
                .map(|s| format!("retry-after: {s}\r\n"))
                .unwrap_or_default();
            let head = format!(
                "HTTP/1.1 {code} {reason}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n{extra}connection: close\r\n\r\n",
                body.len()
            );
            socket.write_all(head.as_bytes()).await?;
            socket.write_all(body.as_bytes()).await?;
            socket.flush().await?;
        }
        Reply::Stream { chunks, gap, end } => {
            socket
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncache-control: no-cache\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n")
                .await?;
            for (i, c) in chunks.iter().enumerate() {
                if i > 0 && !gap.is_zero() {
                    tokio::time::sleep(gap).await;
                }
                socket
                    .write_all(format!("{:x}\r\n", c.len()).as_bytes())
                    .await?;
                socket.write_all(c).await?;
                socket.write_all(b"\r\n").await?;
                socket.flush().await?;
            }
            match end {
                End::Clean => {
                    socket.write_all(b"0\r\n\r\n").await?;
                    socket.flush().await?;
                }
                End::Cut => {
                    // Half a chunk header, then close: the body is visibly incomplete.
                    socket.write_all(b"1f\r\ndata: {\"cho").await?;
                    socket.flush().await?;
                    socket.shutdown().await?;
                }
                End::Stall => tokio::time::sleep(Duration::from_secs(30)).await,
            }
        }
    }
    Ok(())
}

/// An OpenAI Chat Completions stream of `pieces`, one event per piece, ending with `[DONE]` when `done`.
pub fn openai_stream(pieces: &[&str], done: bool) -> Vec<Vec<u8>> {
    let mut out = vec![b": keep-alive\n\n".to_vec()];
    out.push(
        format!(
            "data: {}\n\n",
            serde_json::json!({"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1, "model": "m",
                "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": null}]})
        )
        .into_bytes(),
    );
    for p in pieces {
        out.push(
            format!(
                "data: {}\n\n",
                serde_json::json!({"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1, "model": "m",
                    "choices": [{"index": 0, "delta": {"content": p}, "finish_reason": null}]})
            )
            .into_bytes(),
        );
    }
    if done {
        out.push(
            format!(
                "data: {}\n\ndata: [DONE]\n\n",
                serde_json::json!({"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1, "model": "m",
                    "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
            )
            .into_bytes(),
        );
    }
    out
}

/// An Anthropic Messages stream of `pieces`, ending with `message_stop` when `done`.
pub fn anthropic_stream(pieces: &[&str], done: bool) -> Vec<Vec<u8>> {
    let ev = |name: &str, data: serde_json::Value| {
        format!("event: {name}\ndata: {data}\n\n").into_bytes()
    };
    let mut out = vec![
        ev(
            "message_start",
            serde_json::json!({"type": "message_start", "message": {"id": "msg_1", "type": "message",
            "role": "assistant", "content": [], "model": "claude", "stop_reason": null, "stop_sequence": null,
            "usage": {"input_tokens": 12, "output_tokens": 1}}}),
        ),
        ev(
            "content_block_start",
            serde_json::json!({"type": "content_block_start", "index": 0,
            "content_block": {"type": "text", "text": ""}}),
        ),
        ev("ping", serde_json::json!({"type": "ping"})),
    ];
    for p in pieces {
        out.push(ev(
            "content_block_delta",
            serde_json::json!({"type": "content_block_delta", "index": 0,
            "delta": {"type": "text_delta", "text": p}}),
        ));
    }
    if done {
        out.push(ev(
            "content_block_stop",
            serde_json::json!({"type": "content_block_stop", "index": 0}),
        ));
        out.push(ev("message_delta", serde_json::json!({"type": "message_delta",
            "delta": {"stop_reason": "end_turn", "stop_sequence": null}, "usage": {"output_tokens": 15}})));
        out.push(ev(
            "message_stop",
            serde_json::json!({"type": "message_stop"}),
        ));
    }
    out
}

pub fn stream(chunks: Vec<Vec<u8>>) -> Reply {
    Reply::Stream {
        chunks,
        gap: Duration::ZERO,
        end: End::Clean,
    }
}

pub fn openai_error(code: u16, message: &str, kind: &str) -> Reply {
    Reply::Status {
        code,
        body: serde_json::json!({"error": {"message": message, "type": kind, "param": null, "code": null}}).to_string(),
        retry_after: None,
    }
}

pub fn anthropic_error(code: u16, message: &str, kind: &str) -> Reply {
    Reply::Status {
        code,
        body: serde_json::json!({"type": "error", "error": {"type": kind, "message": message}})
            .to_string(),
        retry_after: None,
    }
}
