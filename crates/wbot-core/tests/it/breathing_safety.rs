//! The Wim Hof gate's rules, without storage.

use wbot_core::breathing::{mentions_discomfort, wim_hof_gate, GateReason, Technique};
use wbot_core::profile::Contraindication;

#[test]
fn contraindications_block_and_suggest_coherent() {
    for c in Contraindication::ALL {
        let d = wim_hof_gate(&[*c], 10, Some("dizzy"), false);
        assert!(!d.allowed, "{c:?}");
        assert_eq!(d.suggested_technique, Some(Technique::Coherent));
        assert_eq!(d.reason, Some(GateReason::Contraindication));
        assert!(
            !d.show_safety_notice,
            "no notice for something that cannot start"
        );
    }
}

#[test]
fn newcomers_are_pointed_to_box_but_may_go_on() {
    for n in 0..3 {
        let d = wim_hof_gate(&[], n, None, true);
        assert!(d.allowed);
        assert_eq!(d.suggested_technique, Some(Technique::Box));
        assert_eq!(d.reason, Some(GateReason::NewToBreathing));
    }
    let d = wim_hof_gate(&[], 3, None, true);
    assert!(d.allowed && d.suggested_technique.is_none() && d.reason.is_none());
}

#[test]
fn discomfort_words_suggest_deep_calm() {
    for text in [
        "I feel dizzy",
        "bit LIGHTHEADED",
        "light-headed again",
        "light headed",
        "kind of nauseous",
        "some nausea",
        "this is uncomfortable",
    ] {
        assert!(mentions_discomfort(text), "{text}");
        let d = wim_hof_gate(&[], 10, Some(text), true);
        assert_eq!(d.suggested_technique, Some(Technique::DeepCalm), "{text}");
        assert_eq!(d.reason, Some(GateReason::Discomfort));
        assert!(d.allowed);
    }
    for text in [
        "comfortable chair",
        "a light breakfast",
        "headed home",
        "dizzying heights of joy",
    ] {
        assert!(!mentions_discomfort(text), "{text}");
    }
}

#[test]
fn the_safety_notice_shows_until_acknowledged() {
    let d = wim_hof_gate(&[], 5, None, false);
    assert!(d.show_safety_notice);
    let d = wim_hof_gate(&[], 5, None, true);
    assert!(!d.show_safety_notice);
}
