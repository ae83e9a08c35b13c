#include "sim/profile/content_checks.h"

#include <array>

#include "sim/core/text.h"

namespace inboxsim::profile {
namespace {

// Extensions Windows or Office run as code: what gateways strip.
constexpr std::array<std::string_view, 27> kExecutableExtensions = {
    "exe", "com", "scr",  "pif",  "bat",  "cmd",  "js",   "jse",  "vbs",
    "vbe", "wsf", "wsh",  "hta",  "msi",  "jar",  "ps1",  "lnk",  "cpl",
    "reg", "dll", "docm", "dotm", "xlsm", "xltm", "xlam", "pptm", "ppam"};

bool HasTypePrefix(const mime::Attachment& attachment,
                   std::string_view prefix) {
  return StartsWithIgnoreCase(attachment.content_type, prefix);
}

const mime::Attachment* FirstAttachment(
    const mime::Message& message, bool (*matches)(const mime::Attachment&)) {
  for (const mime::Attachment& attachment : message.attachments) {
    if (matches(attachment)) return &attachment;
  }
  return nullptr;
}

bool IsImage(const mime::Attachment& a) { return HasTypePrefix(a, "image/"); }
bool IsMedia(const mime::Attachment& a) {
  return HasTypePrefix(a, "audio/") || HasTypePrefix(a, "video/");
}
// The attachment's executable name: its own, else the first member of it
// (an archive) that is one; "" for none.
std::string ExecutableName(const mime::Attachment& a) {
  if (IsExecutableFileName(a.filename)) return a.filename;
  for (const std::string& member : a.archive_members) {
    if (IsExecutableFileName(member)) {
      return member + " in archive " +
             (a.filename.empty() ? a.content_type : a.filename);
    }
  }
  return "";
}
bool IsExecutable(const mime::Attachment& a) {
  return !ExecutableName(a).empty();
}

std::string Named(const mime::Attachment& attachment) {
  return attachment.filename.empty()
             ? attachment.content_type
             : attachment.filename + " (" + attachment.content_type + ")";
}

}  // namespace

std::optional<CheckKind> ParseContentCheck(std::string_view key) {
  if (key == "images") return CheckKind::kImages;
  if (key == "multimedia") return CheckKind::kMultimedia;
  if (key == "active_script") return CheckKind::kActiveScript;
  if (key == "hidden_text") return CheckKind::kHiddenText;
  return std::nullopt;
}

std::string ContentCheckId(CheckKind check) {
  switch (check) {
    case CheckKind::kImages:
      return "CONTENT_IMAGES";
    case CheckKind::kMultimedia:
      return "CONTENT_MULTIMEDIA";
    case CheckKind::kActiveScript:
      return "CONTENT_ACTIVE_SCRIPT";
    case CheckKind::kHiddenText:
      return "CONTENT_HIDDEN_TEXT";
    default:  // not a content check
      break;
  }
  return "";
}

std::string ContentCheckDescription(CheckKind check) {
  switch (check) {
    case CheckKind::kImages:
      return "Images: image parts or <img> in HTML";
    case CheckKind::kMultimedia:
      return "Multimedia: audio/video parts, <video> <audio> <embed> <object>";
    case CheckKind::kActiveScript:
      return "Active script: <script>, on* handlers, javascript: URLs, "
             "executable or macro "
             "attachments";
    case CheckKind::kHiddenText:
      return "Hidden text: display:none, visibility:hidden, tiny fonts, text "
             "colour = background";
    default:  // not a content check
      break;
  }
  return "";
}

bool IsExecutableFileName(std::string_view filename) {
  const size_t dot = filename.rfind('.');
  if (dot == std::string_view::npos) return false;
  std::string_view extension = TrimAscii(filename.substr(dot + 1));
  for (std::string_view known : kExecutableExtensions) {
    if (EqualsIgnoreCase(extension, known)) return true;
  }
  return false;
}

bool ContentCheckFires(CheckKind check, const mime::Message& message) {
  const mime::HtmlFacts& html = message.html;
  switch (check) {
    case CheckKind::kImages:
      return html.image_count > 0 ||
             FirstAttachment(message, IsImage) != nullptr;
    case CheckKind::kMultimedia:
      return html.media_count > 0 ||
             FirstAttachment(message, IsMedia) != nullptr;
    case CheckKind::kActiveScript:
      return html.script_count > 0 || html.event_handler_count > 0 ||
             html.javascript_url_count > 0 ||
             FirstAttachment(message, IsExecutable) != nullptr;
    case CheckKind::kHiddenText:
      return html.hidden_element_count > 0;
    default:  // not a content check
      return false;
  }
  return false;
}

std::string ContentCheckReason(CheckKind check, const mime::Message& message) {
  if (!ContentCheckFires(check, message)) return "";
  const mime::HtmlFacts& html = message.html;
  std::string reason;
  auto add = [&reason](const std::string& part) {
    reason += (reason.empty() ? "" : ", ") + part;
  };
  auto count = [](int n, const char* what) {
    return std::to_string(n) + " " + what;
  };
  switch (check) {
    case CheckKind::kImages:
      if (html.image_count > 0) add(count(html.image_count, "<img> in HTML"));
      if (const mime::Attachment* image = FirstAttachment(message, IsImage)) {
        add("image part " + Named(*image));
      }
      return "images: " + reason;
    case CheckKind::kMultimedia:
      if (html.media_count > 0)
        add(count(html.media_count, "<video>/<audio>/<embed>/<object>"));
      if (const mime::Attachment* media = FirstAttachment(message, IsMedia)) {
        add("media part " + Named(*media));
      }
      return "multimedia: " + reason;
    case CheckKind::kActiveScript:
      if (const mime::Attachment* executable =
              FirstAttachment(message, IsExecutable)) {
        add("executable attachment " + ExecutableName(*executable));
      }
      if (html.script_count > 0) add(count(html.script_count, "<script>"));
      if (html.event_handler_count > 0)
        add(count(html.event_handler_count, "on* handlers"));
      if (html.javascript_url_count > 0)
        add(count(html.javascript_url_count, "javascript: URLs"));
      return "active script: " + reason;
    case CheckKind::kHiddenText:
      return "hidden text: " + html.first_hidden +
             (html.hidden_element_count > 1
                  ? " (" + count(html.hidden_element_count, "hidden elements") +
                        ")"
                  : "") +
             ", " + std::to_string(html.hidden_text_bytes) + " bytes of text";
    default:  // not a content check
      break;
  }
  return reason;
}

}  // namespace inboxsim::profile
