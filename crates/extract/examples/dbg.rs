fn main() {
    let args: Vec<String> = std::env::args().collect();
    let p = args.get(1).cloned().unwrap_or_default();
    let s = String::from_utf8_lossy(&std::fs::read(&p).unwrap_or_default()).into_owned();
    let h = storyline_model::Document::default();
    if p.ends_with(".txt") && args.len() <= 2 {
        print!("{}", storyline_extract::debug_lines(&s));
    } else if p.ends_with(".txt") {
        let d = storyline_extract::clean_text(&s, &h);
        println!("{}", serde_json::to_string_pretty(&d).unwrap_or_default());
    } else if args.len() > 2 {
        let d = storyline_extract::extract_html(&s, &h);
        println!("{}", serde_json::to_string_pretty(&d).unwrap_or_default());
    } else {
        print!("{}", storyline_extract::debug_dump(&s));
    }
}
