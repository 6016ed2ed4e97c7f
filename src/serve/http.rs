//! The HTTP/1.1 server under `serve`: std's `TcpListener`, a thread per connection.
//!
//! Written here rather than taken from a crate because what `serve` needs is small (GET
//! and HEAD of files already in memory, keep-alive, one server-sent event stream) and
//! because tiny_http, used before, cannot bound a request: it reads a header line into
//! memory for as long as the client sends one (a 400 MB header took 421 MB). Here every
//! connection has hard limits ([`Limits`]): the request line and headers together are
//! capped (431, then the connection is closed without reading on), a request must arrive
//! within a deadline whatever the pace of its bytes (slowloris), writes time out, and the
//! number of connections is capped. Request bodies are never read: a request that has one
//! is answered and its connection closed, so it can never be taken for the next request.
//!
//! Every response, errors included, carries `X-Content-Type-Options: nosniff` and the
//! site's Content-Security-Policy ([`crate::util::csp::HEADER_POLICY`]).

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// What one client may take of the server.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// The most bytes the request line and headers may take together.
    pub(crate) head: usize,
    /// How long a request may take to arrive, counted from the end of the previous
    /// response (or from the connection), so an idle keep-alive connection is closed too.
    pub(crate) request: Duration,
    /// How long one write of a response may stall.
    pub(crate) write: Duration,
    /// How many connections are served at once; more are refused with 503.
    pub(crate) connections: usize,
}

/// The limits `serve` runs with.
pub(crate) const LIMITS: Limits = Limits {
    head: 16 * 1024,
    request: Duration::from_secs(10),
    write: Duration::from_secs(10),
    connections: 256,
};

/// After an error the connection is closed; this much of what the client still sends is
/// read and dropped first, so that the client sees the answer rather than a reset.
const LINGER_BYTES: usize = 64 * 1024;
const LINGER_TIME: Duration = Duration::from_secs(1);

/// The request methods `serve` tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Method {
    /// `GET`.
    Get,
    /// `HEAD`: as `GET`, without the body.
    Head,
    /// Anything else (answered 405).
    Other,
}

/// The host a request is for, from the `Host` header or an absolute-form target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Host {
    /// An IP address (IPv6 written in brackets).
    Ip(IpAddr),
    /// A name, lower-cased.
    Name(String),
}

/// One parsed request head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Request {
    pub(crate) method: Method,
    /// The path and query (`/a/b?c`); an absolute-form target is reduced to this.
    pub(crate) target: String,
    /// The host asked for; `None` only for HTTP/1.0 without a `Host` header.
    pub(crate) host: Option<Host>,
    /// Whether the connection stays open for another request after the response.
    pub(crate) keep_alive: bool,
}

/// The body of a response.
pub(crate) enum Body {
    /// Bytes made for this response.
    Owned(Vec<u8>),
    /// Bytes shared with the site in memory.
    Shared(Arc<[u8]>),
    /// A stream written until it ends or the client goes; the connection closes after.
    Stream(Stream),
}

/// Writes a streamed body to the client.
pub(crate) type Stream = Box<dyn FnOnce(&mut dyn Write) + Send>;

/// A response; `Content-Length`, `Connection` and the security headers are added when
/// it is written.
pub(crate) struct Response {
    /// The status code.
    pub(crate) status: u16,
    /// Further headers, such as `Content-Type`.
    pub(crate) headers: Vec<(&'static str, String)>,
    /// The body (left out for HEAD).
    pub(crate) body: Body,
}

impl Response {
    /// A short plain-text response.
    pub(crate) fn text(status: u16, text: &str) -> Response {
        Response {
            status,
            headers: vec![
                ("Content-Type", "text/plain; charset=utf-8".to_string()),
                ("Cache-Control", "no-store".to_string()),
            ],
            body: Body::Owned(text.as_bytes().to_vec()),
        }
    }
}

/// Why no request was read from a connection.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum ReadError {
    /// The client closed, went quiet past the deadline, or the connection failed:
    /// there is no one to answer.
    Closed,
    /// The head grew past [`Limits::head`] (answered 431).
    TooLarge,
    /// A malformed request (400) or an unsupported HTTP version (505), and why.
    Bad(u16, &'static str),
}

/// Whether a request for `host` may be answered by a server bound to `bind`.
///
/// A web page can make a browser send requests to the preview under a DNS name the page's
/// author controls and then re-points at 127.0.0.1 (DNS rebinding); the browser then
/// treats the preview, drafts included, as that site's. Such requests carry the author's
/// name in `Host`. So only `localhost` and IP addresses are answered: on a loopback or a
/// specific address, the loopback addresses and that address; on an unspecified address
/// (`0.0.0.0`, `::`, a preview for the network), any IP address, since no DNS name is
/// involved. The port is not compared: a forwarded port still reaches the preview.
pub(crate) fn host_allowed(host: Option<&Host>, bind: IpAddr) -> bool {
    match host {
        // Only HTTP/1.0 clients omit it, and browsers never do.
        None => true,
        Some(Host::Name(name)) => name == "localhost",
        Some(Host::Ip(ip)) => {
            bind.is_unspecified()
                || *ip == bind
                || *ip == IpAddr::V4(Ipv4Addr::LOCALHOST)
                || *ip == IpAddr::V6(Ipv6Addr::LOCALHOST)
        }
    }
}

/// Accepts connections on `listener` and answers each on its own thread with `handle`,
/// until the process ends.
pub(crate) fn run(
    listener: TcpListener,
    limits: Limits,
    handle: Arc<dyn Fn(&Request) -> Response + Send + Sync>,
) {
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let stream = match stream {
            Ok(stream) => stream,
            // Out of file descriptors, or a connection reset before it was accepted:
            // wait a moment rather than spin.
            Err(_) => {
                std::thread::sleep(Duration::from_millis(10));
                continue;
            }
        };
        if open.fetch_add(1, Ordering::SeqCst) >= limits.connections {
            open.fetch_sub(1, Ordering::SeqCst);
            refuse_busy(stream);
            continue;
        }
        let count = Arc::clone(&open);
        let handle = Arc::clone(&handle);
        let spawned = std::thread::Builder::new()
            .name("serve-http".into())
            .spawn(move || {
                serve_connection(stream, &limits, &*handle);
                count.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            open.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// Tells a client over the connection limit to come back, without waiting on it.
fn refuse_busy(stream: TcpStream) {
    let _ = stream.set_nonblocking(true);
    let _ = (&stream).write_all(
        b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
}

/// Reads requests from one connection and answers them until either side closes it.
pub(crate) fn serve_connection(
    stream: TcpStream,
    limits: &Limits,
    handle: &dyn Fn(&Request) -> Response,
) {
    // Head and body go out in two writes; without this, Nagle's algorithm can hold the
    // body back for the client's delayed acknowledgement (40 ms).
    let _ = stream.set_nodelay(true);
    let _ = stream.set_write_timeout(Some(limits.write));
    let Ok(reading) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(Deadline {
        stream: reading,
        until: Instant::now() + limits.request,
    });
    let mut writer = stream;
    loop {
        reader.get_mut().until = Instant::now() + limits.request;
        let request = match read_request(&mut reader, limits.head) {
            Ok(request) => request,
            Err(ReadError::Closed) => return,
            Err(ReadError::TooLarge) => {
                let text = format!(
                    "The request's header is larger than {} KiB.\n",
                    limits.head / 1024
                );
                let _ = write_error(&mut writer, 431, &text);
                linger(&writer);
                return;
            }
            Err(ReadError::Bad(status, why)) => {
                let _ = write_error(&mut writer, status, &format!("{why}\n"));
                linger(&writer);
                return;
            }
        };
        let response = handle(&request);
        match write_response(&mut writer, &request, response) {
            Ok(true) => {}
            Ok(false) => {
                linger(&writer);
                return;
            }
            Err(_) => return,
        }
    }
}

/// A read side that gives up at a fixed moment, however slowly the bytes trickle in.
struct Deadline {
    stream: TcpStream,
    until: Instant,
}

impl Read for Deadline {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        self.stream.read(buf)
    }
}

/// Closes the connection gently: no more writes, then what the client still sends is
/// read and dropped (a little, briefly), so that closing does not reset the connection
/// before the client has read the answer.
fn linger(stream: &TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let until = Instant::now() + LINGER_TIME;
    let mut sink = [0u8; 4096];
    let mut read = 0;
    while read < LINGER_BYTES {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return;
        }
        match (&*stream).read(&mut sink) {
            Ok(0) | Err(_) => return,
            Ok(n) => read += n,
        }
    }
}

/// Reads and parses the next request head.
pub(crate) fn read_request(reader: &mut impl BufRead, limit: usize) -> Result<Request, ReadError> {
    parse_head(&read_head(reader, limit)?)
}

/// Reads up to and including the empty line that ends a request head, never more than
/// `limit` bytes; bytes after it stay in `reader` for the next request.
fn read_head(reader: &mut impl BufRead, limit: usize) -> Result<Vec<u8>, ReadError> {
    let mut head = Vec::new();
    // Empty lines before a request are allowed (RFC 9112 §2.2), within the limit.
    let mut skipped = 0;
    loop {
        let buf = match reader.fill_buf() {
            Ok([]) => return Err(ReadError::Closed),
            Ok(buf) => buf,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => return Err(ReadError::Closed),
        };
        let mut used = 0;
        let mut done = false;
        for &byte in buf {
            used += 1;
            if head.is_empty() && (byte == b'\r' || byte == b'\n') {
                skipped += 1;
            } else {
                head.push(byte);
                done = byte == b'\n' && (head.ends_with(b"\n\n") || head.ends_with(b"\n\r\n"));
            }
            if head.len() + skipped > limit {
                reader.consume(used);
                return Err(ReadError::TooLarge);
            }
            if done {
                break;
            }
        }
        reader.consume(used);
        if done {
            return Ok(head);
        }
    }
}

/// What the headers say, as far as `serve` cares.
#[derive(Default)]
struct Headers {
    host: Option<Host>,
    hosts: usize,
    close: bool,
    keep_alive: bool,
    content_length: Option<u64>,
    chunked: bool,
}

/// Parses a request head (request line, headers, empty line), strictly: anything a
/// careful server could read two ways is refused.
fn parse_head(head: &[u8]) -> Result<Request, ReadError> {
    let bad = |why| ReadError::Bad(400, why);
    let mut lines = head
        .split(|&b| b == b'\n')
        .map(|line| line.strip_suffix(b"\r").unwrap_or(line));
    let request_line = lines.next().unwrap_or_default();
    let (method, target, version) = parse_request_line(request_line)?;
    let mut headers = Headers::default();
    for line in lines {
        if line.is_empty() {
            break;
        }
        parse_header(line, &mut headers)?;
    }
    let http10 = match version {
        "HTTP/1.1" => false,
        "HTTP/1.0" => true,
        _ => {
            return Err(ReadError::Bad(
                505,
                "Only HTTP/1.0 and HTTP/1.1 are supported.",
            ));
        }
    };
    if headers.hosts > 1 {
        return Err(bad("More than one Host header."));
    }
    if headers.hosts == 0 && !http10 {
        return Err(bad("An HTTP/1.1 request needs a Host header."));
    }
    let (target, host) = match split_absolute(target)? {
        // The host in an absolute-form target is the one that counts (RFC 9112 §3.2.2).
        Some((authority, path)) => (
            path,
            Some(parse_host(authority).ok_or(bad("Bad host in the request target."))?),
        ),
        None => (target.to_string(), headers.host),
    };
    // The body is never read, so after one the connection cannot be trusted to carry
    // another request.
    let has_body = headers.chunked || headers.content_length.is_some_and(|n| n > 0);
    let keep_alive = !has_body && !headers.close && (!http10 || headers.keep_alive);
    Ok(Request {
        method,
        target,
        host,
        keep_alive,
    })
}

/// `METHOD SP target SP HTTP/x.y`, with single spaces.
fn parse_request_line(line: &[u8]) -> Result<(Method, &str, &str), ReadError> {
    let bad = ReadError::Bad(400, "Malformed request line.");
    let line =
        std::str::from_utf8(line).map_err(|_| ReadError::Bad(400, "Malformed request line."))?;
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad);
    };
    if method.is_empty() || !method.bytes().all(is_tchar) {
        return Err(bad);
    }
    if target.is_empty() || !target.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(bad);
    }
    let well_formed = version.len() == 8
        && version.starts_with("HTTP/")
        && version.as_bytes()[5].is_ascii_digit()
        && version.as_bytes()[6] == b'.'
        && version.as_bytes()[7].is_ascii_digit();
    if !well_formed {
        return Err(bad);
    }
    let method = match method {
        "GET" => Method::Get,
        "HEAD" => Method::Head,
        _ => Method::Other,
    };
    Ok((method, target, version))
}

/// One `name: value` line.
fn parse_header(line: &[u8], headers: &mut Headers) -> Result<(), ReadError> {
    let bad = |why| Err(ReadError::Bad(400, why));
    let Some(colon) = line.iter().position(|&b| b == b':') else {
        return bad("Malformed header line.");
    };
    let (name, value) = (&line[..colon], &line[colon + 1..]);
    // Also refuses a line folded onto the previous one (it starts with a space).
    if name.is_empty() || !name.iter().copied().all(is_tchar) {
        return bad("Malformed header line.");
    }
    let value = value.trim_ascii();
    if value.iter().any(|&b| b.is_ascii_control() && b != b'\t') {
        return bad("Control character in a header.");
    }
    let name = name.to_ascii_lowercase();
    match name.as_slice() {
        b"host" => {
            headers.hosts += 1;
            let host = std::str::from_utf8(value).ok().and_then(parse_host);
            headers.host = Some(host.ok_or(ReadError::Bad(400, "Malformed Host header."))?);
        }
        b"connection" => {
            for token in value.split(|&b| b == b',') {
                let token = token.trim_ascii();
                headers.close |= token.eq_ignore_ascii_case(b"close");
                headers.keep_alive |= token.eq_ignore_ascii_case(b"keep-alive");
            }
        }
        b"content-length" => {
            let length = std::str::from_utf8(value)
                .ok()
                .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|v| v.parse::<u64>().ok());
            match (length, headers.content_length) {
                (Some(n), None) => headers.content_length = Some(n),
                (Some(n), Some(m)) if n == m => {}
                _ => return bad("Malformed Content-Length header."),
            }
        }
        b"transfer-encoding" => headers.chunked = true,
        _ => {}
    }
    Ok(())
}

/// An absolute-form target (`http://host/path`) as its authority and path; `None` for
/// the usual origin-form (`/path`).
fn split_absolute(target: &str) -> Result<Option<(&str, String)>, ReadError> {
    if target.starts_with('/') {
        return Ok(None);
    }
    let scheme = target
        .get(..7)
        .filter(|s| s.eq_ignore_ascii_case("http://"));
    let Some(rest) = scheme.map(|s| &target[s.len()..]) else {
        return Err(ReadError::Bad(400, "Malformed request target."));
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(end);
    let path = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    };
    Ok(Some((authority, path)))
}

/// `name[:port]`, `ipv4[:port]` or `[ipv6][:port]`; `None` if malformed.
fn parse_host(text: &str) -> Option<Host> {
    let (host, port) = if let Some(rest) = text.strip_prefix('[') {
        let (ip, after) = rest.split_once(']')?;
        let ip: Ipv6Addr = ip.parse().ok()?;
        let port = match after {
            "" => None,
            after => Some(after.strip_prefix(':')?),
        };
        (Host::Ip(IpAddr::V6(ip)), port)
    } else {
        let (name, port) = match text.split_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (text, None),
        };
        let host = match name.parse::<Ipv4Addr>() {
            Ok(ip) => Host::Ip(IpAddr::V4(ip)),
            Err(_) => {
                let valid = !name.is_empty()
                    && name.bytes().all(|b| {
                        b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
                    });
                if !valid {
                    return None;
                }
                Host::Name(name.to_ascii_lowercase())
            }
        };
        (host, port)
    };
    // An empty port is allowed by the URI syntax; any other must be a port number.
    if let Some(port) = port
        && !port.is_empty()
        && (!port.bytes().all(|b| b.is_ascii_digit()) || port.parse::<u16>().is_err())
    {
        return None;
    }
    Some(host)
}

/// A token character (RFC 9110 §5.6.2): what methods and header names are made of.
fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

/// The status line and the headers every response has.
fn head(status: u16, headers: &[(&'static str, String)], keep_alive: bool) -> String {
    let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    // RFC 9110 §6.6.1: a server with a clock sends the date.
    if let Ok(date) = jiff::fmt::rfc2822::DateTimePrinter::new()
        .timestamp_to_rfc9110_string(&jiff::Timestamp::now())
    {
        head.push_str(&format!("Date: {date}\r\n"));
    }
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("X-Content-Type-Options: nosniff\r\n");
    head.push_str(&format!(
        "Content-Security-Policy: {}\r\n",
        crate::util::csp::HEADER_POLICY
    ));
    // HTTP/1.0 clients keep a connection only if told to; HTTP/1.1 ones close if told to.
    let connection = if keep_alive { "keep-alive" } else { "close" };
    head.push_str(&format!("Connection: {connection}\r\n"));
    head
}

/// Writes the response; `Ok(true)` if the connection stays open for another request.
fn write_response(out: &mut impl Write, request: &Request, response: Response) -> io::Result<bool> {
    let body: &[u8] = match &response.body {
        Body::Owned(bytes) => bytes,
        Body::Shared(bytes) => bytes,
        Body::Stream(_) => {
            // Delimited by closing the connection, as an event stream is.
            let head = head(response.status, &response.headers, false);
            out.write_all(format!("{head}\r\n").as_bytes())?;
            out.flush()?;
            if let (Body::Stream(stream), Method::Get) = (response.body, request.method) {
                stream(out);
            }
            return Ok(false);
        }
    };
    let keep_alive = request.keep_alive;
    let mut text = head(response.status, &response.headers, keep_alive);
    text.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    out.write_all(text.as_bytes())?;
    if request.method != Method::Head {
        out.write_all(body)?;
    }
    out.flush()?;
    Ok(keep_alive)
}

/// The answer to a request that could not be read.
fn write_error(out: &mut impl Write, status: u16, text: &str) -> io::Result<()> {
    let request = Request {
        method: Method::Get,
        target: String::new(),
        host: None,
        keep_alive: false,
    };
    write_response(out, &request, Response::text(status, text)).map(|_| ())
}

#[cfg(test)]
mod tests;
