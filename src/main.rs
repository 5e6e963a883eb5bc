//! Entry point of the Hoego web app (Trunk builds this binary to wasm).

fn main() {
    hoego_app::run();
}
