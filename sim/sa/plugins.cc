#include "sim/sa/plugins.h"

#include <map>
#include <string>

namespace inboxsim::sa::detail {
namespace {

constexpr std::string_view kPluginPrefix = "Mail::SpamAssassin::Plugin::";
constexpr std::string_view kConfModule = "Mail::SpamAssassin::Conf";

// The feature_* constants at the end of Mail/SpamAssassin/Conf.pm (4.0.1),
// all returning 1, and perl_min_version_5010000 (true on any Perl we would
// be compared with).
const std::set<std::string>& ConfMethods() {
  static const std::set<std::string> kMethods = {
      "feature_originating_ip_headers",
      "feature_dns_local_ports_permit_avoid",
      "feature_bayes_auto_learn_on_error",
      "feature_uri_host_listed",
      "feature_yesno_takes_args",
      "feature_bug6558_free",
      "feature_edns",
      "feature_dns_query_restriction",
      "feature_registryboundaries",
      "feature_geodb",
      "feature_dns_block_rule",
      "feature_compile_regexp",
      "feature_meta_rules_matching",
      "feature_subjprefix",
      "feature_bayes_stopwords",
      "feature_get_host",
      "feature_blocklist_welcomelist",
      "feature_welcomelist_blocklist",
      "feature_header_address_parser",
      "feature_local_tests_only",
      "feature_header_first_last",
      "feature_header_match_many",
      "feature_capture_rules",
      "perl_min_version_5010000",
  };
  return kMethods;
}

// The has_* methods of the 4.0.1 plugins (`grep '^sub has_'
// Mail/SpamAssassin/Plugin/*.pm`), by plugin short name.
const std::multimap<std::string, std::string>& PluginMethods() {
  static const std::multimap<std::string, std::string> kMethods = {
      {"ASN", "has_asn_lookup_ipv6"},
      {"ASN", "has_asn_geodb"},
      {"ASN", "has_check_asn"},
      {"ASN", "has_check_asn_tag"},
      {"AskDNS", "has_tag_header"},
      {"BodyEval", "has_check_body_length"},
      {"BodyEval", "has_plaintext_body_sig_ratio"},
      {"DKIM", "has_arc"},
      {"DNSEval", "has_tflags_domains_only"},
      {"DNSEval", "has_tflags_ips_only"},
      {"DecodeShortURLs", "has_short_url"},
      {"DecodeShortURLs", "has_autoclean"},
      {"DecodeShortURLs", "has_short_url_code"},
      {"DecodeShortURLs", "has_user_agent"},
      {"DecodeShortURLs", "has_get"},
      {"DecodeShortURLs", "has_clear"},
      {"DecodeShortURLs", "has_timeout"},
      {"DecodeShortURLs", "has_max_redirections"},
      {"DecodeShortURLs", "has_short_url_redir"},
      {"HashBL", "has_hashbl_bodyre"},
      {"HashBL", "has_hashbl_bodyre_num"},
      {"HashBL", "has_hashbl_emails"},
      {"HashBL", "has_hashbl_uris"},
      {"HashBL", "has_hashbl_ignore"},
      {"HashBL", "has_hashbl_email_regex"},
      {"HashBL", "has_hashbl_email_welcomelist"},
      {"HashBL", "has_hashbl_email_whitelist"},
      {"HashBL", "has_hashbl_tag"},
      {"HashBL", "has_hashbl_sha256"},
      {"HashBL", "has_hashbl_attachments"},
      {"HashBL", "has_hashbl_email_domain"},
      {"HashBL", "has_hashbl_email_domain_alias"},
      {"MIMEEval", "has_check_for_ascii_text_illegal"},
      {"MIMEEval", "has_check_abundant_unicode_ratio"},
      {"MIMEEval", "has_check_qp_ratio"},
      {"MIMEHeader", "has_all_header"},
      {"MIMEHeader", "has_tflags_range"},
      {"MIMEHeader", "has_tflags_concat"},
      {"MIMEHeader", "has_tflags_multiple"},
      {"MIMEHeader", "has_capture_rules"},
      {"OLEVBMacro", "has_olemacro_redirect_uri"},
      {"OLEVBMacro", "has_olemacro_mhtml_uri"},
      {"OLEVBMacro", "has_olertfobject"},
      {"Pyzor", "has_fork"},
      {"Pyzor", "has_perl"},
      {"Razor2", "has_fork"},
      {"SPF", "has_check_for_spf_errors"},
      {"SPF", "has_check_spf_skipped_noenvfrom"},
      {"URIDNSBL", "has_tflags_domains_only"},
      {"URIDNSBL", "has_subtest_for_ranges"},
      {"URIDNSBL", "has_uridnsbl_for_a"},
      {"URIDNSBL", "has_uridnsbl_a_ns"},
      {"URIDNSBL", "has_tflags_notrim"},
      {"URIDNSBL", "has_uridnsbl_skip_mailto"},
      {"URIDetail", "has_host_key"},
  };
  return kMethods;
}

}  // namespace

const std::set<std::string>& StockPlugins() {
  // The uncommented loadplugin lines of /etc/spamassassin/*.pre in Debian
  // 12's spamassassin 4.0.1 package (init.pre, v310.pre ... v401.pre and
  // sa-compile.pre).
  static const std::set<std::string> kPlugins = [] {
    std::set<std::string> plugins;
    for (const char* name : {"URIDNSBL",
                             "SPF",
                             "Rule2XSBody",
                             "Pyzor",
                             "Razor2",
                             "SpamCop",
                             "AutoLearnThreshold",
                             "WelcomeListSubject",
                             "MIMEHeader",
                             "ReplaceTags",
                             "DKIM",
                             "Check",
                             "HTTPSMismatch",
                             "URIDetail",
                             "Bayes",
                             "BodyEval",
                             "DNSEval",
                             "HTMLEval",
                             "HeaderEval",
                             "MIMEEval",
                             "RelayEval",
                             "URIEval",
                             "WLBLEval",
                             "VBounce",
                             "ImageInfo",
                             "FreeMail",
                             "AskDNS",
                             "HashBL",
                             "DMARC"}) {
      plugins.insert(std::string(kPluginPrefix) + name);
    }
    return plugins;
  }();
  return kPlugins;
}

std::string CanonicalPluginName(std::string_view name) {
  if (name == "Mail::SpamAssassin::Plugin::Dmarc") {
    return "Mail::SpamAssassin::Plugin::DMARC";
  }
  if (name == "Mail::SpamAssassin::Plugin::WhiteListSubject") {
    return "Mail::SpamAssassin::Plugin::WelcomeListSubject";
  }
  return std::string(name);
}

bool CanCall(std::string_view qualified_method,
             const std::set<std::string>& loaded_plugins,
             const std::set<std::string>& compat_flags) {
  const size_t split = qualified_method.rfind("::");
  if (split == std::string_view::npos) return false;
  const std::string_view module = qualified_method.substr(0, split);
  const std::string method(qualified_method.substr(split + 2));
  if (module == kConfModule) {
    constexpr std::string_view kCompat = "compat_";
    if (method.rfind(kCompat, 0) == 0) {
      return compat_flags.count(method.substr(kCompat.size())) != 0;
    }
    return ConfMethods().count(method) != 0;
  }
  if (module.rfind(kPluginPrefix, 0) != 0) return false;
  // Perl's can() only finds methods of modules loaded (required) so far.
  if (loaded_plugins.count(std::string(module)) == 0) return false;
  const std::string plugin(module.substr(kPluginPrefix.size()));
  auto [first, last] = PluginMethods().equal_range(plugin);
  for (auto it = first; it != last; ++it) {
    if (it->second == method) return true;
  }
  return false;
}

}  // namespace inboxsim::sa::detail
