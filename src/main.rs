use clap::Parser;

/// mimalloc instead of the system allocator: a request allocates and frees many small buffers
/// across threads, where glibc's malloc showed up as a tenth of a redirect's time (perf). Its
/// version 2 (Cargo feature `v2`): under the pledge load version 3 fell, in about half the
/// runs, into returning pages to the system and faulting them back in (~17,000 `madvise` and
/// ~175,000 page faults a second, each `madvise` interrupting the other core), which cut the
/// pledges a second by about a third; version 2 made ~50 `madvise` calls a second.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let cli = chorus::cli::Cli::parse();
    match chorus::cli::run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
