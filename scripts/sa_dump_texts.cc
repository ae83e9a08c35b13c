// Prints sim/sa/message_text.h's texts for each message file given, in the
// format of scripts/sa-dump-texts.pl (see there), so the two can be
// compared by scripts/sa-text-compare.py. Developer tool:
//   cmake --build build --target sa_dump_texts
//   build/sa_dump_texts FILE... > ours.dump
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "sim/mime/message.h"
#include "sim/sa/message_text.h"

namespace {

using inboxsim::sa::HeaderRequest;

// The requests scripts/sa-dump-texts.pl asks SpamAssassin for.
const char* const kRequests[] = {"Subject",
                                 "From:addr",
                                 "From:name",
                                 "To",
                                 "ALL",
                                 "ToCc",
                                 "MESSAGEID",
                                 "Subject:raw",
                                 "Received",
                                 "Message-Id",
                                 "Content-Type",
                                 "From",
                                 "To:addr",
                                 "Reply-To:addr",
                                 "From:raw",
                                 "X-Spam-Relays-External",
                                 "X-Spam-Relays-Untrusted",
                                 "X-Spam-Relays-Trusted",
                                 "X-Spam-Relays-Internal",
                                 "ALL-EXTERNAL",
                                 "ALL-TRUSTED",
                                 "ALL-UNTRUSTED",
                                 "ALL-INTERNAL",
                                 "EnvelopeFrom"};

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
  // --requests=R1,R2,...: only those header requests, as the Perl dumper.
  std::vector<std::string> requests(std::begin(kRequests), std::end(kRequests));
  bool headers_only = false;
  int first_file = 1;
  const std::string kRequestsFlag = "--requests=";
  if (argc > 1 && std::string(argv[1]).rfind(kRequestsFlag, 0) == 0) {
    requests.clear();
    std::stringstream list(std::string(argv[1]).substr(kRequestsFlag.size()));
    for (std::string request; std::getline(list, request, ',');) {
      requests.push_back(request);
    }
    headers_only = true;
    first_file = 2;
  }
  for (int i = first_file; i < argc; ++i) {
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
    if (!headers_only) {
      std::string body, rawbody, uris;
      inboxsim::sa::AppendBodyText(*message, true, &body);
      inboxsim::sa::AppendRawBodyText(*message, &rawbody);
      inboxsim::sa::AppendUriText(*message, &uris);
      View("body", &body);
      View("rawbody", &rawbody);
      View("uri", &uris);
    }
    for (const std::string& request : requests) {
      std::string text;
      const bool found = inboxsim::sa::AppendHeaderText(
          *message, ParseRequest(request), &text);
      View(std::string("header ") + request, found ? &text : nullptr);
    }
  }
  return 0;
}
