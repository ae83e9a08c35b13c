// Prints sim/sa/message_text.h's texts for each message file given, in the
// format of scripts/sa-dump-texts.pl (see there), so the two can be
// compared by scripts/sa-text-compare.py. Developer tool:
//   cmake --build build --target sa_dump_texts
//   build/sa_dump_texts FILE... > ours.dump
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/mime/message.h"
#include "sim/sa/message_text.h"

namespace {

using inboxsim::sa::HeaderRequest;

// The requests scripts/sa-dump-texts.pl asks SpamAssassin for.
const char* const kRequests[] = {"Subject",    "From:addr",     "From:name",
                                 "To",         "ALL",           "ToCc",
                                 "MESSAGEID",  "Subject:raw",   "Received",
                                 "Message-Id", "Content-Type",  "From",
                                 "To:addr",    "Reply-To:addr", "From:raw"};

HeaderRequest ParseRequest(const std::string& text) {
  HeaderRequest request;
  std::stringstream parts(text);
  std::string piece;
  std::getline(parts, request.name, ':');
  while (std::getline(parts, piece, ':')) request.modifiers.insert(piece);
  return request;
}

void View(const std::string& name, const std::string* text) {
  if (text == nullptr) {
    std::cout << "@@VIEW " << name << " -1\n\n";
    return;
  }
  std::cout << "@@VIEW " << name << ' ' << text->size() << '\n'
            << *text << '\n';
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::ifstream file(argv[i], std::ios::binary);
    if (!file) {
      std::cerr << "sa_dump_texts: cannot read " << argv[i] << '\n';
      return 1;
    }
    const std::string raw((std::istreambuf_iterator<char>(file)),
                          std::istreambuf_iterator<char>());
    auto message = inboxsim::mime::ParseMessage(raw, {});
    std::cout << "@@FILE " << argv[i] << '\n';
    if (!message) {
      std::cout << "@@ERROR\n";
      continue;
    }
    std::string body, rawbody, uris;
    inboxsim::sa::AppendBodyText(*message, true, &body);
    inboxsim::sa::AppendRawBodyText(*message, &rawbody);
    inboxsim::sa::AppendUriText(*message, &uris);
    View("body", &body);
    View("rawbody", &rawbody);
    View("uri", &uris);
    for (const char* request : kRequests) {
      std::string text;
      const bool found = inboxsim::sa::AppendHeaderText(
          *message, ParseRequest(request), &text);
      View(std::string("header ") + request, found ? &text : nullptr);
    }
  }
  return 0;
}
