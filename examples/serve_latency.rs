//! Measures what an editor waits for in `infoportal serve`: the time from saving a page
//! to the reload event reaching the browser.
//!
//! Starts `infoportal serve` on a portal, listens to its event stream like an open page
//! does, then repeatedly appends a line to a page and times the next reload event.
//!
//! `--gap` is how long it waits after each reload before saving again. After every save
//! serve builds the whole portal again in the background; at 10,000 pages that takes
//! longer than a second, so the default gap of 300 ms, or any gap in `0..1000`, makes each
//! save land while the build of the previous one is running: the case where a save
//! competes with a build for the cores. A range draws each gap from it (the same
//! sequence every run), so the saves meet the build at every stage; a gap of a few
//! seconds measures a save to an idle server. `--each` prints every save's gap and time.
//!
//! ```sh
//! cargo run --release --example serve_latency -- --root /dev/shm/corpus --runs 20
//! cargo run --release --example serve_latency -- --root /dev/shm/corpus --runs 40 --gap 0..1000
//! ```

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let mut root = None;
    let mut runs = 20usize;
    let mut gap = Gap { min: 300, max: 300 };
    let mut each = false;
    let mut binary = PathBuf::from("target/release/infoportal");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--root" => root = args.next().map(PathBuf::from),
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(0),
            "--gap" => {
                gap = args
                    .next()
                    .and_then(|g| Gap::parse(&g))
                    .unwrap_or_else(|| usage())
            }
            "--each" => each = true,
            "--binary" => binary = args.next().map(PathBuf::from).unwrap_or(binary),
            _ => usage(),
        }
    }
    let Some(root) = root else { usage() };
    if runs == 0 {
        usage();
    }
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

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mut times = Vec::with_capacity(runs);
    let mut random = 0x9e37_79b9_7f4a_7c15_u64;
    for run in 0..runs {
        // The time an editor takes between seeing the page and saving again.
        let wait = gap.next(&mut random);
        std::thread::sleep(wait);
        let text = format!("{original}\nÄndring nummer {run}.\n");
        let start = Instant::now();
        std::fs::write(&page, text).expect("save the page");
        next_event();
        times.push(start.elapsed());
        if each {
            println!(
                "save {run}: gap {} ms, reload event after {:.1} ms",
                wait.as_millis(),
                ms(start.elapsed())
            );
        }
    }
    std::fs::write(&page, original).expect("restore the page");
    let _ = child.kill();
    let _ = child.wait();

    times.sort();
    // The nearest-rank percentile: the smallest time that `p` % of the saves took at most.
    let percentile = |p: usize| ms(times[(times.len() * p).div_ceil(100).max(1) - 1]);
    println!(
        "save → reload event over {runs} saves of {} (gap {gap}): median {:.1} ms, \
         90th percentile {:.1} ms, fastest {:.1} ms, slowest {:.1} ms",
        page.display(),
        percentile(50),
        percentile(90),
        ms(times[0]),
        ms(times[times.len() - 1]),
    );
}

fn usage() -> ! {
    eprintln!(
        "usage: serve_latency --root DIR [--runs N] [--gap MS | --gap MIN..MAX] [--each] [--binary PATH]"
    );
    std::process::exit(2);
}

/// The wait after each reload before the next save, in milliseconds: fixed, or drawn
/// evenly from `min..=max`.
#[derive(Clone, Copy)]
struct Gap {
    min: u64,
    max: u64,
}

impl Gap {
    fn parse(text: &str) -> Option<Gap> {
        let (min, max) = text.split_once("..").unwrap_or((text, text));
        let (min, max) = (min.parse().ok()?, max.parse().ok()?);
        (min <= max).then_some(Gap { min, max })
    }

    /// The next gap, from a xorshift generator in `state`.
    fn next(self, state: &mut u64) -> Duration {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        Duration::from_millis(self.min + *state % (self.max - self.min + 1))
    }
}

impl std::fmt::Display for Gap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.min == self.max {
            write!(f, "{} ms", self.min)
        } else {
            write!(f, "{}..{} ms", self.min, self.max)
        }
    }
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
