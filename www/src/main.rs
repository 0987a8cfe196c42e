//! The site's entry point, built by trunk from `index.html`.

fn main() {
    headerlens_web::start();
}
