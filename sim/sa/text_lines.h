// How SpamAssassin cuts, collapses and splits body text before its rules
// read it (Mail::SpamAssassin::Message): the pieces sa::AppendBodyText and
// sa::AppendRawBodyText are built from. Internal to sim/sa.
//
//   std::string text = ...;
//   detail::CutForScan(kBodyPartScanBytes, "\n ", ScanUnit::kCharacters,
//   &text); std::vector<std::string_view> lines; detail::SplitShortLines(text,
//   &lines); detail::AppendJoined(lines, out);
#ifndef INBOXSIM_SA_TEXT_LINES_H_
#define INBOXSIM_SA_TEXT_LINES_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace inboxsim::sa::detail {

// body_part_scan_size and rawbody_part_scan_size, SpamAssassin 4's
// defaults: how much of each part rules read.
constexpr size_t kBodyPartScanBytes = 50000;
constexpr size_t kRawBodyPartScanBytes = 500000;
// MAX_BODY_LINE_LENGTH: body lines longer than this are split.
constexpr size_t kMaxBodyLineBytes = 2048;
// A cut may run on this far past the limit to end at a delimiter.
constexpr size_t kCutSlackBytes = 1024;

// What a scan size counts: rendered text is Perl characters (UTF-8
// sequences here), decoded parts are bytes.
enum class ScanUnit : unsigned char { kBytes, kCharacters };

// Cuts `text` longer than `limit` units: just after the first of
// `delimiters` (tried in order, each alone) found at or after `limit` and at
// most kCutSlackBytes units past it, else at exactly `limit`.
void CutForScan(size_t limit, std::string_view delimiters, ScanUnit unit,
                std::string* text);

// SpamAssassin's white space rule for rendered body text: a run of white
// space holding two line feeds becomes "\n" (with one space kept on each
// side the run had other white space before its first or after its last
// line feed), any other run one space. White space is Perl's Unicode \s,
// read from UTF-8 (invalid bytes are not white space).
void AppendSaCollapsedWhitespace(std::string_view text, std::string* out);

// split_into_array_of_short_lines: `text` split after each "\n", and lines
// over kMaxBodyLineBytes split after the last space within the first
// kMaxBodyLineBytes bytes (or at exactly that many). Views into `text`.
void SplitShortLines(std::string_view text,
                     std::vector<std::string_view>* lines);

// split_into_array_of_short_paragraphs: `text` in chunks of 1-2 times
// kMaxBodyLineBytes, each ending at a "\n", else a ">", else a space when
// one comes soon enough. Views into `text`.
void SplitShortParagraphs(std::string_view text,
                          std::vector<std::string_view>* chunks);

// Appends `lines`, each without its own trailing "\n", joined with "\n":
// the layout in which a regex with the m flag sees each line as
// SpamAssassin does.
void AppendJoined(const std::vector<std::string_view>& lines, std::string* out);

}  // namespace inboxsim::sa::detail

#endif  // INBOXSIM_SA_TEXT_LINES_H_
