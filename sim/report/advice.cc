#include "sim/report/advice.h"

#include <algorithm>
#include <functional>
#include <map>

#include "sim/profile/fact_checks.h"
#include "sim/profile/lists.h"
#include "sim/profile/reputation_table.h"

namespace inboxsim::report {
namespace {

using profile::CheckKind;
using profile::Rule;

bool IsAuthRule(const Rule& rule, profile::AuthMethod method) {
  if (rule.check != CheckKind::kRecordedAuth &&
      rule.check != CheckKind::kEvaluatedAuth)
    return false;
  if (rule.auth_method != method) return false;
  // "none" is no failure to fix: see publish_spf.
  return rule.auth_result != profile::AuthResult::kPass &&
         rule.auth_result != profile::AuthResult::kNeutral &&
         rule.auth_result != profile::AuthResult::kNone;
}

// One kind of advice: which fired rules call for it, and what to say given
// the first of them (in the order of the rules' impact).
struct AdviceKind {
  const char* id;
  std::function<bool(const Rule&)> applies;
  std::function<std::string(const std::vector<const Rule*>& causes,
                            const mime::Message& message)>
      text;
};

std::string FirstReason(const std::vector<const Rule*>& causes,
                        const mime::Message& message) {
  return profile::RuleReason(*causes.front(), message);
}

const std::vector<AdviceKind>& Kinds() {
  static const std::vector<AdviceKind> kinds = {
      {"add_unsubscribe",
       [](const Rule& r) {
         return r.check == CheckKind::kNoUnsubscribe ||
                r.check == CheckKind::kBulkWithoutListHeaders;
       },
       [](const auto& causes, const mime::Message& message) {
         return "Add an unsubscribe link to the footer and List-Unsubscribe "
                "(with List-Unsubscribe-Post for one-click, RFC 8058) and "
                "List-Id headers (" +
                FirstReason(causes, message) + ")";
       }},
      {"add_postal_address",
       [](const Rule& r) { return r.check == CheckKind::kNoPostalAddress; },
       [](const auto&, const mime::Message&) {
         return std::string(
             "Add the company name and postal address to the footer");
       }},
      {"fewer_images",
       [](const Rule& r) {
         return r.check == CheckKind::kImageTextRatio ||
                r.check == CheckKind::kImages;
       },
       [](const auto& causes, const mime::Message& message) {
         return "Reduce images or add text: some receivers ban images and "
                "others distrust image-heavy mail (" +
                FirstReason(causes, message) + ")";
       }},
      {"remove_trigger_phrases",
       [](const Rule& r) {
         return r.family == profile::Family::kTrigger &&
                r.check == CheckKind::kPattern;
       },
       [](const auto& causes, const mime::Message&) {
         std::string named;
         const size_t shown = std::min<size_t>(causes.size(), 5);
         for (size_t i = 0; i < shown; ++i) {
           named += (i ? "; " : "") + causes[i]->id +
                    (causes[i]->description.empty()
                         ? ""
                         : " (" + causes[i]->description + ")");
         }
         if (causes.size() > shown)
           named += "; and " + std::to_string(causes.size() - shown) + " more";
         return "Remove or reword the phrases trigger-word filters flag: " +
                named;
       }},
      {"align_link_text",
       [](const Rule& r) { return r.check == CheckKind::kLinkTextMismatch; },
       [](const auto& causes, const mime::Message& message) {
         return "Make each link's text name the domain it goes to (" +
                FirstReason(causes, message) + ")";
       }},
      {"fix_spf",
       [](const Rule& r) { return IsAuthRule(r, profile::AuthMethod::kSpf); },
       [](const auto& causes, const mime::Message& message) {
         const std::string& ip = message.sender.connecting_ip;
         return "Fix SPF for the sending IP" +
                (ip.empty() ? std::string() : " " + ip) +
                ": the envelope sender's domain must publish one v=spf1 "
                "record that authorises it (" +
                FirstReason(causes, message) + ")";
       }},
      {"publish_spf",
       [](const Rule& r) {
         return (r.check == CheckKind::kRecordedAuth ||
                 r.check == CheckKind::kEvaluatedAuth) &&
                r.auth_result == profile::AuthResult::kNone;
       },
       [](const auto& causes, const mime::Message& message) {
         return "Publish an SPF record for the envelope sender's domain; when "
                "checking a draft that has no Received header or Return-Path, "
                "give --connecting-ip and --mail-from (" +
                FirstReason(causes, message) + ")";
       }},
      {"fix_sender_id",
       [](const Rule& r) {
         return IsAuthRule(r, profile::AuthMethod::kSenderId);
       },
       [](const auto& causes, const mime::Message& message) {
         return "Fix Sender ID: the From (or Sender) domain's SPF record "
                "must authorise the sending IP (" +
                FirstReason(causes, message) + ")";
       }},
      {"remove_active_content",
       [](const Rule& r) { return r.check == CheckKind::kActiveScript; },
       [](const auto& causes, const mime::Message& message) {
         return "Remove scripts, on* handlers, javascript: links and "
                "executable or macro attachments; link to files instead (" +
                FirstReason(causes, message) + ")";
       }},
      {"remove_hidden_text",
       [](const Rule& r) { return r.check == CheckKind::kHiddenText; },
       [](const auto& causes, const mime::Message& message) {
         return "Remove hidden text; preheaders and tracking blocks that "
                "hide text look like filter evasion (" +
                FirstReason(causes, message) + ")";
       }},
      {"link_media",
       [](const Rule& r) { return r.check == CheckKind::kMultimedia; },
       [](const auto& causes, const mime::Message& message) {
         return "Link to audio and video instead of embedding or attaching "
                "them (" +
                FirstReason(causes, message) + ")";
       }},
      {"avoid_shorteners",
       [](const Rule& r) { return r.check == CheckKind::kUrlShortener; },
       [](const auto& causes, const mime::Message& message) {
         return "Link to your own domain, not through a URL shortener (" +
                FirstReason(causes, message) + ")";
       }},
      {"honest_display_name",
       [](const Rule& r) { return r.check == CheckKind::kDisplayNameSpoof; },
       [](const auto& causes, const mime::Message& message) {
         return "Use a display name that matches the sending domain (" +
                FirstReason(causes, message) + ")";
       }},
      {"calm_subject",
       [](const Rule& r) {
         return r.check == CheckKind::kSubjectCaps ||
                r.check == CheckKind::kSubjectPunctuation;
       },
       [](const auto& causes, const mime::Message& message) {
         return "Write the subject in sentence case without runs of ! ? $ (" +
                FirstReason(causes, message) + ")";
       }},
      {"leave_block_lists",
       [](const Rule& r) {
         return r.family == profile::Family::kList && r.list != nullptr &&
                !r.list->allow;
       },
       [](const auto& causes, const mime::Message& message) {
         return "Send from, reply to and link to domains and IPs that are "
                "not on block lists (" +
                FirstReason(causes, message) + ")";
       }},
      {"improve_reputation",
       [](const Rule& r) {
         return r.check == CheckKind::kReputationTable &&
                (r.reputation_class == profile::ReputationClass::kBad ||
                 r.reputation_class == profile::ReputationClass::kPoor);
       },
       [](const auto& causes, const mime::Message& message) {
         return "The sender has a poor reputation: send from an established "
                "domain and IP, with consented lists (" +
                FirstReason(causes, message) + ")";
       }},
      {"reword_spammy_content",
       [](const Rule& r) {
         return r.check == CheckKind::kTokenModel && r.band_low >= 0.8;
       },
       [](const auto& causes, const mime::Message& message) {
         return "The wording reads like spam to a trained token model; "
                "rewrite it around relevant, unique content (" +
                FirstReason(causes, message) + ")";
       }},
  };
  return kinds;
}

}  // namespace

std::vector<Advice> AdviseOn(
    const profile::ProfileSet& profiles,
    const std::vector<profile::ProfileVerdict>& verdicts,
    const mime::Message& message) {
  // Each fired rule's impact: the score it added in the profiles that did
  // not inbox the message, a forced action counting as a whole threshold.
  std::map<uint32_t, double> impact;
  for (size_t p = 0; p < profiles.profiles.size() && p < verdicts.size(); ++p) {
    const profile::Profile& profile = profiles.profiles[p];
    const profile::ProfileVerdict& verdict = verdicts[p];
    for (size_t index : verdict.fired) {
      const profile::ProfileRule& rule = profile.rules[index];
      if (rule.allow) continue;
      double& total = impact[rule.rule];
      if (verdict.verdict.action == Action::kInbox) continue;
      if (rule.forced != Action::kInbox) {
        total += rule.forced == Action::kReject ? profile.reject_threshold
                                                : profile.junk_threshold;
      } else {
        total += std::max(0.0, rule.score);
      }
    }
  }
  std::vector<std::pair<uint32_t, double>> fired(impact.begin(), impact.end());
  std::stable_sort(
      fired.begin(), fired.end(),
      [](const auto& a, const auto& b) { return a.second > b.second; });

  struct Scored {
    Advice advice;
    double impact = 0;
  };
  std::vector<Scored> scored;
  for (const AdviceKind& kind : Kinds()) {
    std::vector<const Rule*> causes;
    double total = 0;
    for (const auto& [rule_index, rule_impact] : fired) {
      const Rule& rule = profiles.catalog.rules[rule_index];
      if (!kind.applies(rule)) continue;
      if (std::none_of(causes.begin(), causes.end(),
                       [&](const Rule* known) { return known->id == rule.id; }))
        causes.push_back(&rule);
      total += rule_impact;
    }
    if (causes.empty()) continue;
    Advice advice{kind.id, kind.text(causes, message), {}};
    for (const Rule* cause : causes) advice.because.push_back(cause->id);
    scored.push_back({std::move(advice), total});
  }
  std::stable_sort(
      scored.begin(), scored.end(),
      [](const Scored& a, const Scored& b) { return a.impact > b.impact; });
  std::vector<Advice> advice;
  for (Scored& s : scored) advice.push_back(std::move(s.advice));
  return advice;
}

}  // namespace inboxsim::report
