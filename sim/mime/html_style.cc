#include "sim/mime/html_style.h"

#include <algorithm>

#include "sim/core/text.h"

namespace inboxsim::mime::detail {
namespace {

struct NamedColour {
  std::string_view name;
  uint32_t rgb;
};

constexpr NamedColour kColours[] = {
    {"white", 0xFFFFFF},      {"black", 0x000000},    {"red", 0xFF0000},
    {"green", 0x008000},      {"blue", 0x0000FF},     {"yellow", 0xFFFF00},
    {"gray", 0x808080},       {"grey", 0x808080},     {"silver", 0xC0C0C0},
    {"maroon", 0x800000},     {"purple", 0x800080},   {"fuchsia", 0xFF00FF},
    {"magenta", 0xFF00FF},    {"lime", 0x00FF00},     {"olive", 0x808000},
    {"navy", 0x000080},       {"teal", 0x008080},     {"aqua", 0x00FFFF},
    {"cyan", 0x00FFFF},       {"orange", 0xFFA500},   {"lightgray", 0xD3D3D3},
    {"lightgrey", 0xD3D3D3},  {"darkgray", 0xA9A9A9}, {"darkgrey", 0xA9A9A9},
    {"whitesmoke", 0xF5F5F5}, {"snow", 0xFFFAFA},     {"ivory", 0xFFFFF0},
    {"beige", 0xF5F5DC},      {"pink", 0xFFC0CB},     {"brown", 0xA52A2A},
    {"gold", 0xFFD700},       {"darkblue", 0x00008B}, {"darkred", 0x8B0000},
};

bool AllHex(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return IsDigitAscii(c) ||
           (ToLowerAscii(c) >= 'a' && ToLowerAscii(c) <= 'f');
  });
}

uint32_t HexColour(std::string_view hex) {
  uint32_t v = 0;
  for (char c : hex) {
    const char l = ToLowerAscii(c);
    v = v * 16 + (IsDigitAscii(l) ? l - '0' : l - 'a' + 10);
  }
  if (hex.size() == 3) {  // #abc is #aabbcc
    return ((v & 0xF00) * 0x1100) | ((v & 0x0F0) * 0x110) |
           ((v & 0x00F) * 0x11);
  }
  return v;
}

// Reads a number at the start of `s` (no sign, no exponent); returns the
// characters used, 0 if none.
size_t ReadNumber(std::string_view s, double* value) {
  size_t i = 0;
  double v = 0;
  while (i < s.size() && IsDigitAscii(s[i])) v = v * 10 + (s[i++] - '0');
  if (i < s.size() && s[i] == '.') {
    double scale = 0.1;
    for (++i; i < s.size() && IsDigitAscii(s[i]); ++i, scale /= 10) {
      v += (s[i] - '0') * scale;
    }
  }
  if (i == 0 || (i == 1 && s[0] == '.')) return 0;
  *value = v;
  return i;
}

// rgb(255, 255, 255), rgba(...), or the space-separated CSS4 form.
uint32_t RgbColour(std::string_view args) {
  uint32_t rgb = 0;
  size_t i = 0;
  for (int channel = 0; channel < 3; ++channel) {
    while (i < args.size() && (IsSpaceAscii(args[i]) || args[i] == ',')) ++i;
    double v = 0;
    const size_t used = ReadNumber(args.substr(i), &v);
    if (used == 0) return kNoColour;
    i += used;
    if (i < args.size() && args[i] == '%') {
      v = v * 255 / 100;
      ++i;
    }
    rgb = rgb << 8 | static_cast<uint32_t>(std::min(v + 0.5, 255.0));
  }
  return rgb;
}

// New tiny-font state for a font-size value. Absolute sizes decide alone;
// relative ones scale the parent's, so 2em of nothing is still nothing.
bool FontSizeTiny(std::string_view value, bool parent_tiny) {
  double size = 0;
  const size_t used = ReadNumber(value, &size);
  if (used == 0) {
    return EqualsIgnoreCase(value, "inherit") ||
                   EqualsIgnoreCase(value, "smaller")
               ? parent_tiny
               : false;  // xx-small..xx-large are all readable
  }
  const std::string_view unit = TrimAscii(value.substr(used));
  if (unit.empty() || EqualsIgnoreCase(unit, "px") ||
      EqualsIgnoreCase(unit, "pt")) {
    return size <= 1;
  }
  if (EqualsIgnoreCase(unit, "em") || EqualsIgnoreCase(unit, "ex") ||
      EqualsIgnoreCase(unit, "ch")) {
    return size <= 0.1 || parent_tiny;
  }
  if (EqualsIgnoreCase(unit, "rem")) return size <= 0.1;
  if (unit == "%") return size <= 10 || parent_tiny;
  return size == 0;
}

// The size in a "font:" shorthand ("bold 0/0 Arial"): the first token that
// starts with a digit, without its "/line-height".
std::string_view FontShorthandSize(std::string_view value) {
  size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && IsSpaceAscii(value[i])) ++i;
    const size_t begin = i;
    while (i < value.size() && !IsSpaceAscii(value[i])) ++i;
    std::string_view token = value.substr(begin, i - begin);
    if (!token.empty() && (IsDigitAscii(token[0]) || token[0] == '.')) {
      return token.substr(0, token.find('/'));
    }
  }
  return {};
}

}  // namespace

bool Hidden(const Style& style) {
  return (style.flags &
          (kDisplayNone | kInvisible | kTinyFont | kTransparent)) ||
         (style.fg != kNoColour && style.fg == style.bg);
}

std::string_view HiddenCause(const Style& style) {
  if (style.flags & kDisplayNone) return "display:none";
  if (style.flags & kInvisible) return "visibility:hidden";
  if (style.flags & kTransparent) return "opacity:0";
  if (style.flags & kTinyFont) return "font-size 0-1";
  if (style.fg != kNoColour && style.fg == style.bg)
    return "text colour equal to its background";
  return "";
}

uint32_t ParseColour(std::string_view text) {
  text = TrimAscii(text);
  if (!text.empty() && text[0] == '#') text.remove_prefix(1);
  if ((text.size() == 3 || text.size() == 6) && AllHex(text)) {
    return HexColour(text);
  }
  if ((text.size() == 4 || text.size() == 8) && AllHex(text)) {
    return HexColour(text.substr(0, text.size() / 4 * 3));  // drop alpha
  }
  if (StartsWithIgnoreCase(text, "rgb")) {
    const size_t open = text.find('(');
    return open == std::string_view::npos ? kNoColour
                                          : RgbColour(text.substr(open + 1));
  }
  for (const NamedColour& c : kColours) {
    if (EqualsIgnoreCase(text, c.name)) return c.rgb;
  }
  return kNoColour;
}

void ApplyInlineStyle(std::string_view css, const Style& parent, Style* style) {
  size_t pos = 0;
  while (pos < css.size()) {
    size_t end = css.find(';', pos);
    if (end == std::string_view::npos) end = css.size();
    const std::string_view declaration = css.substr(pos, end - pos);
    pos = end + 1;
    const size_t colon = declaration.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string_view property = TrimAscii(declaration.substr(0, colon));
    std::string_view value = declaration.substr(colon + 1);
    value = TrimAscii(value.substr(0, value.find('!')));  // !important
    if (EqualsIgnoreCase(property, "display")) {
      style->flags = StartsWithIgnoreCase(value, "none")
                         ? (style->flags | kDisplayNone)
                         : ((style->flags & ~kDisplayNone) |
                            (parent.flags & kDisplayNone));
    } else if (EqualsIgnoreCase(property, "visibility")) {
      const bool invisible = EqualsIgnoreCase(value, "hidden") ||
                             EqualsIgnoreCase(value, "collapse");
      style->flags = invisible ? (style->flags | kInvisible)
                               : (style->flags & ~kInvisible);
    } else if (EqualsIgnoreCase(property, "font-size") ||
               EqualsIgnoreCase(property, "font")) {
      const std::string_view size =
          EqualsIgnoreCase(property, "font") ? FontShorthandSize(value) : value;
      if (size.empty()) continue;
      const bool tiny = FontSizeTiny(size, parent.flags & kTinyFont);
      style->flags =
          tiny ? (style->flags | kTinyFont) : (style->flags & ~kTinyFont);
    } else if (EqualsIgnoreCase(property, "opacity")) {
      double opacity = 1;
      if (ReadNumber(value, &opacity) > 0 && opacity <= 0.05) {
        style->flags |= kTransparent;
      }
    } else if (EqualsIgnoreCase(property, "color")) {
      const uint32_t c = ParseColour(value);
      if (c != kNoColour) style->fg = c;
    } else if (EqualsIgnoreCase(property, "background-color")) {
      const uint32_t c = ParseColour(value);
      if (c != kNoColour) style->bg = c;
    } else if (EqualsIgnoreCase(property, "background") ||
               EqualsIgnoreCase(property, "background-image")) {
      if (FindIgnoreCase(value, "url(") != std::string_view::npos) {
        style->bg = kImageBackground;
        continue;
      }
      // "background: #fff no-repeat": any token that reads as a colour.
      size_t i = 0;
      // The first ')' at or after i, searched again only once i passes it,
      // so "rgb rgb rgb ..." without one stays linear.
      size_t paren = 0;
      bool searched = false;
      while (i < value.size()) {
        while (i < value.size() && IsSpaceAscii(value[i])) ++i;
        const size_t begin = i;
        const bool rgb = StartsWithIgnoreCase(value.substr(i), "rgb");
        if (rgb &&
            (!searched || (paren != std::string_view::npos && paren < i))) {
          paren = value.find(')', i);
          searched = true;
        }
        if (rgb && paren != std::string_view::npos) {
          i = paren + 1;  // rgb(1, 2, 3) holds spaces: take it whole
        } else {
          while (i < value.size() && !IsSpaceAscii(value[i])) ++i;
        }
        const uint32_t c = ParseColour(value.substr(begin, i - begin));
        if (c != kNoColour) {
          style->bg = c;
          break;
        }
      }
    }
  }
}

void ExtractCssUrls(std::string_view css, std::vector<std::string>* out) {
  size_t pos = 0;
  while ((pos = FindIgnoreCase(css, "url(", pos)) != std::string_view::npos) {
    size_t i = pos + 4;
    while (i < css.size() && IsSpaceAscii(css[i])) ++i;
    size_t end;
    if (i < css.size() && (css[i] == '"' || css[i] == '\'')) {
      end = css.find(css[i], i + 1);
      ++i;
    } else {
      end = css.find(')', i);
    }
    if (end == std::string_view::npos) end = css.size();
    const std::string_view url = TrimAscii(css.substr(i, end - i));
    if (!url.empty()) out->emplace_back(url);
    pos = end;
  }
}

}  // namespace inboxsim::mime::detail
