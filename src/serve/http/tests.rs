//! Tests of the HTTP server: request parsing, limits, hosts, responses, and whole
//! connections over loopback.

use super::*;
use std::io::Cursor;
use std::net::SocketAddr;

fn parse(text: &str) -> Result<Request, ReadError> {
    read_request(&mut Cursor::new(text.as_bytes()), LIMITS.head)
}

fn host(name: &str) -> Option<Host> {
    Some(Host::Name(name.into()))
}

#[test]
fn a_plain_request_keeps_the_connection() {
    let r = parse("GET /a/b?c=1 HTTP/1.1\r\nHost: localhost:1111\r\nAccept: */*\r\n\r\n").unwrap();
    assert_eq!(
        r,
        Request {
            method: Method::Get,
            target: "/a/b?c=1".into(),
            host: host("localhost"),
            keep_alive: true,
        }
    );
    let r = parse("HEAD / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
    assert_eq!(r.method, Method::Head);
    assert_eq!(r.host, Some(Host::Ip(IpAddr::V4(Ipv4Addr::LOCALHOST))));
    assert!(!r.keep_alive);
    // Bare LF line ends, header names in any case.
    let r = parse("GET / HTTP/1.1\nhOsT: [::1]:80\n\n").unwrap();
    assert_eq!(r.host, Some(Host::Ip(IpAddr::V6(Ipv6Addr::LOCALHOST))));
    assert_eq!(
        parse("DELETE / HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap()
            .method,
        Method::Other
    );
}

#[test]
fn http_1_0_closes_unless_asked_to_keep_alive() {
    let r = parse("GET / HTTP/1.0\r\n\r\n").unwrap();
    assert!(!r.keep_alive);
    assert_eq!(r.host, None, "HTTP/1.0 may leave out Host");
    let r = parse("GET / HTTP/1.0\r\nHost: localhost\r\nConnection: Keep-Alive\r\n\r\n").unwrap();
    assert!(r.keep_alive);
    let r = parse("GET / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n").unwrap();
    assert!(!r.keep_alive);
}

#[test]
fn a_request_with_a_body_closes_its_connection() {
    let r = parse("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello").unwrap();
    assert!(!r.keep_alive);
    let r = parse("GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n").unwrap();
    assert!(!r.keep_alive);
    let r = parse("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n").unwrap();
    assert!(r.keep_alive);
    for bad in ["-1", "1x", "", "1, 2"] {
        let text = format!("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: {bad}\r\n\r\n");
        assert!(matches!(parse(&text), Err(ReadError::Bad(400, _))), "{bad}");
    }
    let twice = "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n";
    assert!(matches!(parse(twice), Err(ReadError::Bad(400, _))));
}

#[test]
fn host_is_required_once_for_http_1_1() {
    assert_eq!(
        parse("GET / HTTP/1.1\r\n\r\n"),
        Err(ReadError::Bad(
            400,
            "An HTTP/1.1 request needs a Host header."
        ))
    );
    assert_eq!(
        parse("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
        Err(ReadError::Bad(400, "More than one Host header."))
    );
    for bad in [
        "", "a b", "a@b", "[::1", "[nope]", "a:port", "a:70000", "[::1]x",
    ] {
        let text = format!("GET / HTTP/1.1\r\nHost: {bad}\r\n\r\n");
        assert!(
            matches!(parse(&text), Err(ReadError::Bad(400, _))),
            "{bad:?}"
        );
    }
    assert_eq!(
        parse("GET / HTTP/1.1\r\nHost: Evil.Example:\r\n\r\n")
            .unwrap()
            .host,
        host("evil.example")
    );
}

#[test]
fn an_absolute_target_names_the_host() {
    let r = parse("GET http://evil.example/a?b HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    assert_eq!(r.target, "/a?b");
    assert_eq!(r.host, host("evil.example"));
    let r = parse("GET HTTP://localhost:1?q HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    assert_eq!(r.target, "/?q");
    for bad in ["*", "ftp://x/", "x/y", "http://u@x/"] {
        let text = format!("GET {bad} HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assert!(
            matches!(parse(&text), Err(ReadError::Bad(400, _))),
            "{bad:?}"
        );
    }
}

#[test]
fn bad_request_lines_and_headers_are_refused() {
    for bad in [
        "GET /\r\n\r\n",
        "GET  / HTTP/1.1\r\n\r\n",
        "GET / HTTP/1.1 x\r\n\r\n",
        "GET / http/1.1\r\n\r\n",
        "GET / HTTP/11\r\n\r\n",
        "G(T / HTTP/1.1\r\n\r\n",
        "GET /a\x01 HTTP/1.1\r\n\r\n",
        "GET /ö HTTP/1.1\r\n\r\n",
        "\u{fffd} / HTTP/1.1\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nNo colon\r\n\r\n",
        "GET / HTTP/1.1\r\nHost : x\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nA: b\x00c\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nA: b\rc\r\n\r\n",
    ] {
        assert!(matches!(parse(bad), Err(ReadError::Bad(400, _))), "{bad:?}");
    }
    assert!(matches!(
        parse("GET / HTTP/2.0\r\nHost: x\r\n\r\n"),
        Err(ReadError::Bad(505, _))
    ));
    assert_eq!(parse(""), Err(ReadError::Closed));
    assert_eq!(
        parse("GET / HTTP/1.1\r\nHost: x\r\n"),
        Err(ReadError::Closed),
        "cut short"
    );
}

#[test]
fn an_oversized_head_is_refused_without_reading_on() {
    let mut text = String::from("GET / HTTP/1.1\r\nHost: x\r\nCookie: ");
    text.push_str(&"a".repeat(1 << 20));
    text.push_str("\r\n\r\n");
    let mut reader = Cursor::new(text.as_bytes());
    assert_eq!(read_request(&mut reader, 1024), Err(ReadError::TooLarge));
    assert!(
        reader.position() <= 1025,
        "read {} bytes",
        reader.position()
    );
    // Exactly at the limit is fine.
    let exact = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
    assert!(read_request(&mut Cursor::new(exact.as_bytes()), exact.len()).is_ok());
    assert_eq!(
        read_request(&mut Cursor::new(exact.as_bytes()), exact.len() - 1),
        Err(ReadError::TooLarge)
    );
    // Empty lines before the request count too.
    let blank = "\r\n".repeat(1024);
    assert_eq!(
        read_request(&mut Cursor::new(blank.as_bytes()), 1024),
        Err(ReadError::TooLarge)
    );
}

#[test]
fn pipelined_requests_are_read_one_after_the_other() {
    let text = "\r\nGET /a HTTP/1.1\r\nHost: x\r\n\r\nHEAD /b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\nGET /c HTTP/1.1\r\n";
    // A small buffer makes heads span several reads.
    let mut reader = BufReader::with_capacity(7, Cursor::new(text.as_bytes()));
    let a = read_request(&mut reader, LIMITS.head).unwrap();
    assert_eq!(
        (a.method, a.target.as_str(), a.keep_alive),
        (Method::Get, "/a", true)
    );
    let b = read_request(&mut reader, LIMITS.head).unwrap();
    assert_eq!(
        (b.method, b.target.as_str(), b.keep_alive),
        (Method::Head, "/b", false)
    );
    assert_eq!(
        read_request(&mut reader, LIMITS.head),
        Err(ReadError::Closed)
    );
}

#[test]
fn hosts_allowed_depend_on_the_bound_address() {
    let loopback = IpAddr::V4(Ipv4Addr::LOCALHOST);
    let lan: IpAddr = "192.168.1.5".parse().unwrap();
    let any = IpAddr::V4(Ipv4Addr::UNSPECIFIED);
    let ip = |s: &str| Some(Host::Ip(s.parse().unwrap()));
    for bind in [loopback, lan, any] {
        assert!(host_allowed(host("localhost").as_ref(), bind));
        assert!(host_allowed(ip("127.0.0.1").as_ref(), bind));
        assert!(host_allowed(ip("::1").as_ref(), bind));
        assert!(host_allowed(None, bind));
        assert!(!host_allowed(host("evil.example").as_ref(), bind));
        assert!(!host_allowed(host("localhost.evil.example").as_ref(), bind));
    }
    assert!(host_allowed(ip("192.168.1.5").as_ref(), lan));
    assert!(!host_allowed(ip("192.168.1.5").as_ref(), loopback));
    assert!(!host_allowed(ip("10.0.0.1").as_ref(), lan));
    assert!(host_allowed(ip("10.0.0.1").as_ref(), any));
    assert!(host_allowed(
        ip("fe80::1").as_ref(),
        IpAddr::V6(Ipv6Addr::UNSPECIFIED)
    ));
    assert!(!host_allowed(host("my-laptop.local").as_ref(), any));
}

#[test]
fn responses_carry_length_connection_and_security_headers() {
    let request = parse("HEAD / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").unwrap();
    let mut out = Vec::new();
    let kept = write_response(&mut out, &request, Response::text(404, "Not found\n")).unwrap();
    assert!(kept);
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.starts_with("HTTP/1.1 404 Not Found\r\nDate: "),
        "{text}"
    );
    assert!(text.contains(" GMT\r\n"), "{text}");
    assert!(
        text.contains("\r\nContent-Length: 10\r\n"),
        "HEAD tells the length: {text}"
    );
    assert!(text.contains("\r\nConnection: keep-alive\r\n"));
    assert!(text.contains("\r\nX-Content-Type-Options: nosniff\r\n"));
    assert!(text.contains(&format!(
        "\r\nContent-Security-Policy: {}\r\n",
        crate::util::csp::HEADER_POLICY
    )));
    assert!(text.ends_with("\r\n\r\n"), "no body for HEAD: {text}");
}

/// A real connection with short limits.
fn connect(limits: Limits) -> (TcpStream, std::thread::JoinHandle<()>) {
    let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).unwrap();
    let address = listener.local_addr().unwrap();
    let server = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        serve_connection(stream, &limits, &|r| Response::text(200, &r.target));
    });
    let client = TcpStream::connect(address).unwrap();
    client
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    (client, server)
}

fn read_all(mut client: &TcpStream) -> String {
    let mut out = Vec::new();
    let _ = client.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn a_slow_client_is_cut_off_at_the_deadline() {
    let limits = Limits {
        request: Duration::from_millis(300),
        ..LIMITS
    };
    let (mut client, server) = connect(limits);
    let start = Instant::now();
    // One byte every 50 ms never lets a single read time out, but the whole head
    // takes too long.
    for byte in b"GET / HTTP/1.1\r\nHost: x\r\n" {
        if client.write_all(&[*byte]).is_err() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    server.join().unwrap();
    assert!(start.elapsed() < Duration::from_secs(3));
    assert_eq!(read_all(&client), "", "closed without an answer");
}

#[test]
fn an_idle_keep_alive_connection_is_closed() {
    let limits = Limits {
        request: Duration::from_millis(200),
        ..LIMITS
    };
    let (mut client, server) = connect(limits);
    client
        .write_all(b"GET /a HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let start = Instant::now();
    server.join().unwrap();
    let text = read_all(&client);
    assert!(
        text.starts_with("HTTP/1.1 200 OK\r\n") && text.ends_with("/a"),
        "{text}"
    );
    assert!(start.elapsed() < Duration::from_secs(3));
}

#[test]
fn a_connection_answers_pipelined_requests_and_refuses_an_oversized_head() {
    let (mut client, server) = connect(LIMITS);
    let mut text =
        String::from("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\nX: ");
    text.push_str(&"x".repeat(LIMITS.head));
    text.push_str("\r\n\r\n");
    client.write_all(text.as_bytes()).unwrap();
    let answer = read_all(&client);
    server.join().unwrap();
    let (first, second) = answer.split_once("/aHTTP/1.1 ").expect(&answer);
    assert!(first.starts_with("HTTP/1.1 200 OK\r\n"), "{first}");
    assert!(
        second.starts_with("431 Request Header Fields Too Large\r\n"),
        "{second}"
    );
    assert!(second.contains("Connection: close\r\n"));
    assert!(second.ends_with("The request's header is larger than 16 KiB.\n"));
}

#[test]
fn a_bad_request_is_answered_400_and_closed() {
    let (mut client, server) = connect(LIMITS);
    client.write_all(b"GET / HTTP/1.1\r\n\r\n").unwrap();
    let answer = read_all(&client);
    server.join().unwrap();
    assert!(
        answer.starts_with("HTTP/1.1 400 Bad Request\r\n"),
        "{answer}"
    );
    assert!(answer.ends_with("An HTTP/1.1 request needs a Host header.\n"));
}
