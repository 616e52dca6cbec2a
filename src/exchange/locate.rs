//! Finds the line of a value in a JSON text by its path, so that errors found
//! after parsing (a duplicate code, an unknown period) can still name a line.

/// One step of a path: a field of an object or an index of an array.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// A path into the document, written `plans[0].items[2].code`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Path(pub Vec<Seg>);

impl Path {
    pub fn key(&self, k: &str) -> Path {
        let mut p = self.clone();
        p.0.push(Seg::Key(k.to_owned()));
        p
    }
    pub fn index(&self, i: usize) -> Path {
        let mut p = self.clone();
        p.0.push(Seg::Index(i));
        p
    }
}

impl std::fmt::Display for Path {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (n, s) in self.0.iter().enumerate() {
            match s {
                Seg::Key(k) if n == 0 => write!(f, "{k}")?,
                Seg::Key(k) => write!(f, ".{k}")?,
                Seg::Index(i) => write!(f, "[{i}]")?,
            }
        }
        Ok(())
    }
}

/// The 1-based line where the value at `path` starts, or the line of its
/// nearest ancestor that exists. `text` must be valid JSON.
pub fn line_of(text: &str, path: &Path) -> usize {
    let mut s = Scanner {
        b: text.as_bytes(),
        i: 0,
    };
    s.ws();
    let mut best = s.i;
    s.find(&path.0, &mut best);
    1 + text.as_bytes()[..best.min(text.len())]
        .iter()
        .filter(|&&c| c == b'\n')
        .count()
}

struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
}

impl Scanner<'_> {
    fn ws(&mut self) {
        while self.i < self.b.len() && matches!(self.b[self.i], b' ' | b'\n' | b'\r' | b'\t') {
            self.i += 1;
        }
    }

    fn peek(&self) -> u8 {
        self.b.get(self.i).copied().unwrap_or(0)
    }

    /// With the scanner at the start of a value, descends along `path`,
    /// recording in `best` the start of the deepest value reached.
    fn find(&mut self, path: &[Seg], best: &mut usize) {
        *best = self.i;
        let Some((first, rest)) = path.split_first() else {
            return;
        };
        match (self.peek(), first) {
            (b'{', Seg::Key(want)) => {
                self.i += 1;
                loop {
                    self.ws();
                    if self.peek() != b'"' {
                        return;
                    }
                    let key = self.string();
                    self.ws();
                    self.i += 1; // ':'
                    self.ws();
                    if key == *want {
                        self.find(rest, best);
                        return;
                    }
                    self.skip_value();
                    self.ws();
                    if self.peek() == b',' {
                        self.i += 1;
                    } else {
                        return;
                    }
                }
            }
            (b'[', Seg::Index(want)) => {
                self.i += 1;
                let mut n = 0;
                loop {
                    self.ws();
                    if self.peek() == b']' || self.i >= self.b.len() {
                        return;
                    }
                    if n == *want {
                        self.find(rest, best);
                        return;
                    }
                    self.skip_value();
                    self.ws();
                    if self.peek() == b',' {
                        self.i += 1;
                        n += 1;
                    } else {
                        return;
                    }
                }
            }
            _ => {}
        }
    }

    fn string(&mut self) -> String {
        let start = self.i + 1;
        self.i += 1;
        while self.i < self.b.len() {
            match self.b[self.i] {
                b'\\' => self.i += 2,
                b'"' => {
                    let raw = &self.b[start..self.i];
                    self.i += 1;
                    let quoted = format!("\"{}\"", String::from_utf8_lossy(raw));
                    return serde_json::from_str(&quoted).unwrap_or_default();
                }
                _ => self.i += 1,
            }
        }
        String::new()
    }

    fn skip_value(&mut self) {
        match self.peek() {
            b'"' => {
                self.string();
            }
            b'{' | b'[' => {
                let mut depth = 0usize;
                while self.i < self.b.len() {
                    match self.b[self.i] {
                        b'"' => {
                            self.string();
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.i += 1;
                                return;
                            }
                        }
                        _ => {}
                    }
                    self.i += 1;
                }
            }
            _ => {
                while self.i < self.b.len() && !matches!(self.b[self.i], b',' | b'}' | b']') {
                    self.i += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &[Seg]) -> Path {
        Path(s.to_vec())
    }

    #[test]
    fn finds_nested_values() {
        let text = "{\n  \"a\": 1,\n  \"plans\": [\n    {\"x\": \"}\"},\n    {\n      \"code\": \"b\"\n    }\n  ]\n}\n";
        let path = p(&[
            Seg::Key("plans".into()),
            Seg::Index(1),
            Seg::Key("code".into()),
        ]);
        assert_eq!(line_of(text, &path), 6);
        assert_eq!(path.to_string(), "plans[1].code");
        let missing = p(&[
            Seg::Key("plans".into()),
            Seg::Index(1),
            Seg::Key("zz".into()),
        ]);
        assert_eq!(line_of(text, &missing), 5, "nearest existing ancestor");
        assert_eq!(line_of(text, &p(&[Seg::Key("a".into())])), 2);
    }

    #[test]
    fn escaped_quotes_do_not_confuse_it() {
        let text = "{\"k\\\"\": [1,\n2], \"t\": \"a\\\"]}\",\n\"z\": 3}";
        assert_eq!(line_of(text, &p(&[Seg::Key("z".into())])), 3);
    }
}
