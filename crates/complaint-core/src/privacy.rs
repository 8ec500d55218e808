//! Personal data shown only as much as needed: S4 forbids telling a complaint to people not
//! involved, so names, phone numbers, accounts, e-mail addresses and street addresses are
//! masked wherever records leave the book (`王*`, `138****5678`).

use crate::model::{Complaint, Customer};

/// A name: the first character, the rest starred (`王芳` → `王*`, `Smith` → `S****`).
pub fn name(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => format!("{first}{}", "*".repeat(chars.count().max(1))),
        None => String::new(),
    }
}

/// A phone number, masked by its digits: the first three and the last four kept, the digits
/// between starred, and the separators (spaces, `-`, parentheses) left where they are
/// (`13812345678` → `138****5678`, `137-0000-2222` → `137-****-2222`). An international
/// number keeps its country code (`+86 138 1234 5678` → `+86 138 **** 5678`) when a separator
/// ends it. Numbers of fewer than eight digits keep only their last two (`8001` → `**01`).
/// Whatever is neither a separator nor a digit is masked like a digit, so a malformed number
/// reveals no more than a well-formed one, and masking a masked number changes nothing.
pub fn phone(text: &str) -> String {
    let is_separator = |c: char| matches!(c, ' ' | '-' | '(' | ')' | '+' | '.');
    // `+86 `: the country code, kept as it is and not counted.
    let code = text
        .strip_prefix('+')
        .and_then(|rest| {
            let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            let after = rest[digits..].chars().next();
            (digits > 0 && after.is_some_and(is_separator)).then_some(1 + digits)
        })
        .unwrap_or(0);
    let (kept, number) = text.split_at(code);
    let total = number.chars().filter(|c| !is_separator(*c)).count();
    let (head, tail) = if total >= 8 { (3, 4) } else { (0, 2) };
    let mut seen = 0;
    let masked: String = number
        .chars()
        .map(|c| {
            if is_separator(c) {
                return c;
            }
            seen += 1;
            if seen <= head || seen > total.saturating_sub(tail) {
                c
            } else {
                '*'
            }
        })
        .collect();
    format!("{kept}{masked}")
}

/// An e-mail address: the first character of the local part (`zhao6@example.com` → `z****@example.com`).
pub fn email(text: &str) -> String {
    match text.split_once('@') {
        Some((local, domain)) => format!("{}@{domain}", name(local)),
        None => name(text),
    }
}

/// Free text that identifies someone (an account, an address): the first two characters kept.
pub fn text(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= 2 {
        return "*".repeat(chars.len());
    }
    format!(
        "{}{}",
        chars[..2].iter().collect::<String>(),
        "*".repeat(chars.len() - 2)
    )
}

/// The customer with every personal field masked.
pub fn customer(c: &Customer) -> Customer {
    Customer {
        name: c.name.as_deref().map(name),
        phone: c.phone.as_deref().map(phone),
        account: c.account.as_deref().map(text),
        email: c.email.as_deref().map(email),
        address: c.address.as_deref().map(text),
        sealed: c.sealed.clone(),
        matching: c.matching.clone(),
    }
}

/// The complaint with its customer's personal fields masked, for showing to people who need
/// the case but not the person.
pub fn complaint(c: &Complaint) -> Complaint {
    let mut masked = c.clone();
    masked.facts.customer = customer(&c.facts.customer);
    masked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_as_people_expect() {
        assert_eq!(name("王芳"), "王*");
        assert_eq!(name("欧阳娜娜"), "欧***");
        assert_eq!(name("王"), "王*");
        assert_eq!(email("zhao6@example.com"), "z****@example.com");
        assert_eq!(text("北京市朝阳区建国路88号"), "北京**********"); // 12 characters: 2 kept, 10 starred
        assert_eq!(text("lisi_wx"), "li*****");
        assert_eq!(name(""), "");
    }

    /// Phone numbers are masked by their digits: separators stay where they are and are not
    /// counted, and an international number keeps its country code.
    #[test]
    fn phones_are_masked_by_their_digits() {
        let cases = [
            ("13812345678", "138****5678"),
            // Separators are not digits to hide.
            ("137-0000-2222", "137-****-2222"),
            ("138 1234 5678", "138 **** 5678"),
            ("400-800-1234", "400-***-1234"),
            ("010-8888 6666", "010-**** 6666"),
            ("(010) 8888-6666", "(010) ****-6666"),
            ("0755-12345678", "075*-****5678"),
            // The country code is kept, the rest masked as a national number.
            ("+86 138 1234 5678", "+86 138 **** 5678"),
            ("+86 139-0000-1111", "+86 139-****-1111"),
            ("+86-13812345678", "+86-138****5678"),
            ("+1 (415) 555-0100", "+1 (415) ***-0100"),
            // No separator after it: where the code ends is not known, so the digits are
            // counted from the first.
            ("+8613812345678", "+861******5678"),
            // Fewer than eight digits: only the last two.
            ("8001", "**01"),
            ("12-345", "**-*45"),
            ("95588", "***88"),
            ("7", "7"),
            ("", ""),
            // Masking a masked number changes nothing (import recognises masked cells so).
            ("138****5678", "138****5678"),
            ("137-****-2222", "137-****-2222"),
            ("+86 138 **** 5678", "+86 138 **** 5678"),
            ("**01", "**01"),
            // Not a number at all (written before numbers were checked): masked all the same.
            ("call me", "**** me"),
            ("abcdefghij", "abc***ghij"),
        ];
        for (number, masked) in cases {
            assert_eq!(phone(number), masked, "{number}");
            assert_eq!(phone(masked), masked, "masking {masked} again");
        }
    }
}
