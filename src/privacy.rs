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

/// A phone number: the first three and last four digits kept (`13812345678` → `138****5678`);
/// short numbers keep only their last two.
pub fn phone(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    match chars.len() {
        0 => String::new(),
        n if n >= 8 => format!(
            "{}{}{}",
            chars[..3].iter().collect::<String>(),
            "*".repeat(n - 7),
            chars[n - 4..].iter().collect::<String>()
        ),
        n => format!(
            "{}{}",
            "*".repeat(n.saturating_sub(2)),
            chars[n.saturating_sub(2)..].iter().collect::<String>()
        ),
    }
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
        assert_eq!(phone("13812345678"), "138****5678");
        assert_eq!(phone("400-800-1234"), "400*****1234");
        assert_eq!(phone("8001"), "**01");
        assert_eq!(email("zhao6@example.com"), "z****@example.com");
        assert_eq!(text("北京市朝阳区建国路88号"), "北京**********"); // 12 characters: 2 kept, 10 starred
        assert_eq!(text("lisi_wx"), "li*****");
        assert_eq!(name(""), "");
    }
}
