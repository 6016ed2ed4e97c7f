//! Measures what an editor waits for in `infoportal serve`: the time from saving a page
//! to the reload event reaching the browser.
//!
//! Starts `infoportal serve` on a portal, listens to its event stream like an open page
//! does, then repeatedly appends a line to a page and times the next reload event.
//!
//! ```sh
//! cargo run --release --example serve_latency -- --root /dev/shm/corpus --runs 20
//! ```

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let mut root = None;
    let mut runs = 20usize;
    let mut binary = PathBuf::from("target/release/infoportal");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--root" => root = args.next().map(PathBuf::from),
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(runs),
            "--binary" => binary = args.next().map(PathBuf::from).unwrap_or(binary),
            _ => {
                eprintln!("usage: serve_latency --root DIR [--runs N] [--binary PATH]");
                std::process::exit(2);
            }
        }
    }
    let Some(root) = root else {
        eprintln!("usage: serve_latency --root DIR [--runs N] [--binary PATH]");
        std::process::exit(2);
    };
    let page = pick_page(&root).expect("a page under content/ to edit");
    let original = std::fs::read_to_string(&page).expect("read the page");

    let mut child = Command::new(&binary)
        .args(["serve", "--port", "0", "--now", "2026-11-26", "--root"])
        .arg(&root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start infoportal serve");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let address = loop {
        let line = lines
            .next()
            .expect("serve prints its URL")
            .expect("read stdout");
        // `Serving http://…/`, or in Swedish `Förhandsvisningen finns på http://…/`.
        if let Some((_, rest)) = line.split_once("http://") {
            break rest.split('/').next().unwrap_or_default().to_string();
        }
    };
    std::thread::spawn(move || for _ in lines {});

    let stream = TcpStream::connect(&address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .expect("timeout");
    let mut writer = stream.try_clone().expect("clone");
    write!(
        writer,
        "GET /__infoportal/events HTTP/1.1\r\nHost: {address}\r\n\r\n"
    )
    .expect("request");
    let mut events = BufReader::new(stream);
    let mut next_event = || loop {
        let mut line = String::new();
        events.read_line(&mut line).expect("read event");
        if line.starts_with("data: ") {
            return;
        }
    };
    next_event();

    let mut times = Vec::with_capacity(runs);
    for run in 0..runs {
        // Let the previous rebuild settle, as between an editor's saves.
        std::thread::sleep(Duration::from_millis(300));
        let text = format!("{original}\nÄndring nummer {run}.\n");
        let start = Instant::now();
        std::fs::write(&page, text).expect("save the page");
        next_event();
        times.push(start.elapsed());
    }
    std::fs::write(&page, original).expect("restore the page");
    let _ = child.kill();
    let _ = child.wait();

    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "save → reload event over {runs} saves of {}: median {:.1} ms, fastest {:.1} ms, 90th percentile {:.1} ms",
        page.display(),
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() * 9 / 10])
    );
}

/// A page under `content/` to edit: the first Markdown file that is not a section page.
fn pick_page(root: &Path) -> Option<PathBuf> {
    let mut dirs = vec![root.join("content")];
    while let Some(dir) = dirs.pop() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                if !path.ends_with("driftinformation") {
                    dirs.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "md")
                && path.file_name().is_some_and(|n| n != "_index.md")
            {
                return Some(path);
            }
        }
    }
    None
}
