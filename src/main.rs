use clap::Parser;

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
