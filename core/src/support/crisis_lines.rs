//! The table of national crisis lines (`content/crisis-lines.json`), one per region,
//! each with the page it was taken from.

use serde::Deserialize;
use std::sync::OnceLock;

use crate::content::{self, CRISIS_LINES};

/// A crisis line the safety response can name.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, uniffi::Record)]
pub struct CrisisLine {
    /// The region it serves (ISO 3166-1 alpha-2); empty for the international
    /// directory shown when the region has no row.
    pub region: String,
    /// The service's name.
    pub name: String,
    /// How to reach it.
    pub how: String,
    /// The emergency number of the region.
    pub emergency: String,
    /// Where the row was taken from, to check it against.
    pub source: String,
}

#[derive(Deserialize)]
struct Table {
    lines: Vec<CrisisLine>,
}

/// Every row, the international directory last.
pub(crate) fn all() -> &'static [CrisisLine] {
    static TABLE: OnceLock<Vec<CrisisLine>> = OnceLock::new();
    TABLE.get_or_init(|| content::parse::<Table>("crisis-lines.json", CRISIS_LINES).lines)
}

/// The line of `region`, or the international directory.
pub(crate) fn for_region(region: Option<&str>) -> CrisisLine {
    let lines = all();
    region
        .and_then(|r| lines.iter().find(|l| !l.region.is_empty() && l.region == r))
        .or_else(|| lines.iter().find(|l| l.region.is_empty()))
        .cloned()
        .unwrap_or_else(|| lines[0].clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_row_is_complete_and_regions_are_unique() {
        let mut regions = BTreeSet::new();
        for line in all() {
            assert!(regions.insert(line.region.clone()), "{} twice", line.region);
            assert!(line.region.is_empty() || line.region.len() == 2);
            assert!(!line.name.is_empty() && !line.how.is_empty() && !line.emergency.is_empty());
            assert!(line.source.starts_with("https://"), "{}", line.source);
        }
        assert!(regions.contains(""), "the international directory is there");
    }

    #[test]
    fn a_region_gets_its_line_and_others_the_directory() {
        assert_eq!(for_region(Some("GB")).name, "Samaritans");
        assert_eq!(for_region(Some("ZZ")).region, "");
        assert_eq!(for_region(None).region, "");
    }
}
