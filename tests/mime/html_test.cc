#include "sim/mime/html.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "sim/mime/html_entities.h"
#include "sim/mime/html_style.h"

namespace inboxsim::mime {
namespace {

HtmlFacts Extract(std::string_view html) {
  HtmlFacts facts;
  ExtractHtml(html, &facts);
  return facts;
}

std::string Visible(std::string_view html) {
  return Extract(html).visible_text;
}

std::string Decode(std::string_view text) {
  std::string out;
  DecodeHtmlEntities(text, &out);
  return out;
}

// --- Text layout ----------------------------------------------------------

TEST(HtmlText, BlockElementsStartNewLines) {
  EXPECT_EQ(Visible("<p>one</p><p>two</p>"), "one\ntwo");
  EXPECT_EQ(Visible("a<br>b<br/>c<BR>d"), "a\nb\nc\nd");
  EXPECT_EQ(Visible("<div>x</div><div>y</div>z"), "x\ny\nz");
  EXPECT_EQ(Visible("<h1>Title</h1>body"), "Title\nbody");
  EXPECT_EQ(Visible("<ul><li>one<li>two</ul>after"), "one\ntwo\nafter");
  EXPECT_EQ(Visible("a<hr>b"), "a\nb");
  EXPECT_EQ(Visible("<blockquote>q</blockquote>r"), "q\nr");
}

TEST(HtmlText, InlineElementsJoinText) {
  EXPECT_EQ(Visible("<b>bo</b><i>ld</i>"), "bold");
  EXPECT_EQ(Visible("<span>a</span> <font color=red>b</font>"), "a b");
  EXPECT_EQ(Visible("<a href='x'>click</a>here"), "clickhere");
}

TEST(HtmlText, TableCellsAreSeparatedBySpacesAndRowsByLines) {
  EXPECT_EQ(Visible("<table><tr><td>a</td><td>b</td></tr>"
                    "<tr><td>c</td><td>d</td></tr></table>"),
            "a b\nc d");
  // Unclosed cells and rows, as table-heavy mail writes them.
  EXPECT_EQ(Visible("<table><tr><td>a<td>b<tr><td>c</table>"), "a b\nc");
}

TEST(HtmlText, WhiteSpaceCollapsesWithoutBlankLinesOrEdges) {
  EXPECT_EQ(Visible("  Hello \r\n\t  world  "), "Hello world");
  EXPECT_EQ(Visible("<p>\n  a  </p>\n\n<p>\n\n</p><br><br><br><div> b </div>"),
            "a\nb");
  EXPECT_EQ(Visible("<p> </p>"), "");
  EXPECT_EQ(Visible("a&nbsp;&nbsp;&nbsp;b"), "a b");
  EXPECT_EQ(Visible("a\xC2\xA0\xC2\xA0"  // raw UTF-8 no-break spaces
                    "b"),
            "a b");
}

TEST(HtmlText, PreKeepsLineBreaks) {
  EXPECT_EQ(Visible("<pre>line one\nline  two</pre>after"),
            "line one\nline two\nafter");
}

TEST(HtmlText, ZeroWidthCharactersDoNotSplitWords) {
  EXPECT_EQ(Visible("Vi&shy;ag&#8203;ra"), "Viagra");
  EXPECT_EQ(Visible("Vi\xE2\x80\x8B"
                    "agra"),
            "Viagra");
  // Other multi-byte text passes through untouched.
  EXPECT_EQ(Visible("caf\xC3\xA9 \xE2\x80\x94 \xE2\x82\xAC"
                    "5"),
            "caf\xC3\xA9 \xE2\x80\x94 \xE2\x82\xAC"
            "5");
}

TEST(HtmlText, UppercaseAndMixedCaseTagsWork) {
  HtmlFacts f = Extract(
      "<HTML><BODY><P>One<BR>Two</P><A HREF=\"u\">L</A>"
      "<ScRiPt>hidden()</sCrIpT></BODY></HTML>");
  EXPECT_EQ(f.visible_text, "One\nTwo\nL");
  ASSERT_EQ(f.links.size(), 1u);
  EXPECT_EQ(f.links[0].href, "u");
  EXPECT_EQ(f.script_count, 1);
}

// --- Entities -------------------------------------------------------------

TEST(HtmlEntities, NumericReferencesBecomeUtf8) {
  EXPECT_EQ(Decode("&#65;&#x42;&#X43;"), "ABC");
  EXPECT_EQ(Decode("&#233;t&#xE9;"), "\xC3\xA9t\xC3\xA9");
  EXPECT_EQ(Decode("&#8364;"), "\xE2\x82\xAC");
  EXPECT_EQ(Decode("&#x1F600;"), "\xF0\x9F\x98\x80");
  EXPECT_EQ(Decode("&#65 &#66"), "A B");  // ';' is optional
}

TEST(HtmlEntities, InvalidCodePointsBecomeReplacementCharacter) {
  const std::string replacement = "\xEF\xBF\xBD";
  EXPECT_EQ(Decode("&#0;"), replacement);
  EXPECT_EQ(Decode("&#xD800;"), replacement);
  EXPECT_EQ(Decode("&#x110000;"), replacement);
  EXPECT_EQ(Decode("&#99999999999999999999;"), replacement);
}

TEST(HtmlEntities, C1NumericReferencesReadAsWindows1252) {
  EXPECT_EQ(Decode("it&#146;s"), "it\xE2\x80\x99s");
  EXPECT_EQ(Decode("&#128;"), "\xE2\x82\xAC");
}

TEST(HtmlEntities, NamedReferencesDecode) {
  EXPECT_EQ(Decode("&amp;&lt;&gt;&quot;&apos;"), "&<>\"'");
  EXPECT_EQ(Decode("&copy;&reg;&trade;"), "\xC2\xA9\xC2\xAE\xE2\x84\xA2");
  EXPECT_EQ(Decode("&hellip;&mdash;&ndash;&bull;&middot;"),
            "\xE2\x80\xA6\xE2\x80\x94\xE2\x80\x93\xE2\x80\xA2\xC2\xB7");
  EXPECT_EQ(Decode("&lsquo;&rsquo;&ldquo;&rdquo;&laquo;&raquo;"),
            "\xE2\x80\x98\xE2\x80\x99\xE2\x80\x9C\xE2\x80\x9D\xC2\xAB\xC2\xBB");
  EXPECT_EQ(Decode("&euro;&pound;&yen;&cent;"),
            "\xE2\x82\xAC\xC2\xA3\xC2\xA5\xC2\xA2");
  EXPECT_EQ(Decode("&eacute;&agrave;&uuml;&ouml;&auml;&szlig;&ntilde;&ccedil;"),
            "\xC3\xA9\xC3\xA0\xC3\xBC\xC3\xB6\xC3\xA4\xC3\x9F\xC3\xB1\xC3\xA7");
  EXPECT_EQ(Decode("&Eacute;"), "\xC3\x89");  // names are case-sensitive
  EXPECT_EQ(Decode("&nbsp;"), "\xC2\xA0");    // kept as U+00A0 outside text
}

TEST(HtmlEntities, LegacyNamesWorkWithoutSemicolon) {
  EXPECT_EQ(Decode("Fish &amp Chips"), "Fish & Chips");
  EXPECT_EQ(Decode("&lt&gt"), "<>");
  EXPECT_EQ(Decode("&copy 2002"), "\xC2\xA9 2002");
  EXPECT_EQ(Decode("&ampfoo"), "&foo");  // longest legacy prefix, as browsers
  EXPECT_EQ(Decode("caf&eacute"), "caf\xC3\xA9");
}

TEST(HtmlEntities, UnknownReferencesStayAsWritten) {
  EXPECT_EQ(Decode("&bogus; &#; &#x; & &; a&b"), "&bogus; &#; &#x; & &; a&b");
  // Not legacy, so no ';' means no reference.
  EXPECT_EQ(Decode("&hellip &trade"), "&hellip &trade");
  EXPECT_EQ(Decode("trailing &"), "trailing &");
}

TEST(HtmlEntities, AttributeValuesKeepQueryParameters) {
  std::string out;
  detail::AppendDecoded("?a=1&copy=2&amp;b=3&lt", /*in_attribute=*/true, &out);
  EXPECT_EQ(out, "?a=1&copy=2&b=3<");
  HtmlFacts f =
      Extract("<a href=\"http://x.example/?id=1&amp;reg=2&reg=3\">t</a>");
  ASSERT_EQ(f.links.size(), 1u);
  EXPECT_EQ(f.links[0].href, "http://x.example/?id=1&reg=2&reg=3");
}

TEST(HtmlEntities, TextIsDecodedAndNbspBecomesSpace) {
  EXPECT_EQ(Visible("Tom&nbsp;&amp;&nbsp;Jerry &lt;3 caf&eacute;"),
            "Tom & Jerry <3 caf\xC3\xA9");
  EXPECT_EQ(Visible("5 &bogus; 6"), "5 &bogus; 6");
}

// --- Invisible content ----------------------------------------------------

TEST(HtmlContent, ScriptStyleAndHeadAreNotVisible) {
  HtmlFacts f = Extract(
      "<html><head><meta charset=utf-8><style>p{color:red} .x{}</style>"
      "<script>var a = '<p>not text</p>';</script>head text</head>"
      "<body>Body<script type=text/javascript>if (a < b) x();</SCRIPT> text"
      "<style>\n<!-- b { } --></style>!</body></html>");
  EXPECT_EQ(f.visible_text, "Body text!");
  EXPECT_EQ(f.script_count, 2);
}

TEST(HtmlContent, ScriptCloseTagNeedsADelimiter) {
  EXPECT_EQ(Visible("<script>a='</scripts>';</script>after"), "after");
  // Unterminated script: the rest is script.
  EXPECT_EQ(Visible("before<script>x()<p>never"), "before");
}

TEST(HtmlContent, TitleIsCapturedButNotVisible) {
  HtmlFacts f = Extract(
      "<html><head><title> Your  &amp; Account </title></head>"
      "<body>Hi</body></html>");
  EXPECT_EQ(f.title, "Your & Account");
  EXPECT_EQ(f.visible_text, "Hi");
  // An unclosed title stops at the next tag instead of eating the body.
  HtmlFacts g = Extract("<title>Deal<p>Body");
  EXPECT_EQ(g.title, "Deal");
  EXPECT_EQ(g.visible_text, "Body");
}

TEST(HtmlContent, BodyContentEndsAnUnclosedHead) {
  EXPECT_EQ(Visible("<head><title>t</title><p>Shown</p>"), "Shown");
  EXPECT_EQ(Visible("<head><meta x=y><body>Shown"), "Shown");
}

TEST(HtmlContent, CommentsDoctypeCdataAndProcessingInstructionsAreSkipped) {
  EXPECT_EQ(Visible("<!DOCTYPE html><?xml version=\"1.0\"?>a<!-- hidden -->b"
                    "<![CDATA[ cdata ]]>c<!--[if mso]>outlook<![endif]-->d"),
            "abcd");
  EXPECT_EQ(Visible("a<!-->b<!--->c"), "abc");
}

TEST(HtmlContent, UnterminatedCommentHidesTheRest) {
  HtmlFacts f = Extract("shown<!-- never closed <p>hidden <a href=x>y</a>");
  EXPECT_EQ(f.visible_text, "shown");
  EXPECT_TRUE(f.links.empty());
  EXPECT_EQ(f.tag_count, 0);
}

TEST(HtmlContent, StrayLessThanIsText) {
  EXPECT_EQ(Visible("a < b and 1<2 <3"), "a < b and 1<2 <3");
  EXPECT_EQ(Visible("end <"), "end <");
  EXPECT_EQ(Visible("x </ y> z"), "x z");  // "</ " opens a bogus comment
}

// --- Structure ------------------------------------------------------------

TEST(HtmlStructure, LinksCarryTheirAnchorText) {
  HtmlFacts f = Extract(
      "<p>Go <a href=\" http://a.example/x \">click <b>here</b></a> now."
      "<a href='https://b.example/'>second\n  link</a>"
      "<a name=top>no href</a><a href=''>empty</a>"
      "<map><area href=\"http://c.example/\" shape=rect></map>");
  ASSERT_EQ(f.links.size(), 3u);
  EXPECT_EQ(f.links[0].href, "http://a.example/x");
  EXPECT_EQ(f.links[0].text, "click here");
  EXPECT_EQ(f.links[1].href, "https://b.example/");
  EXPECT_EQ(f.links[1].text, "second link");
  EXPECT_EQ(f.links[2].href, "http://c.example/");
  EXPECT_EQ(f.links[2].text, "");
  EXPECT_EQ(f.visible_text, "Go click here now.second linkno hrefempty");
}

TEST(HtmlStructure, UnclosedLinkEndsAtTheNextLink) {
  HtmlFacts f = Extract("<a href=1>one <a href=2>two</a> tail");
  ASSERT_EQ(f.links.size(), 2u);
  EXPECT_EQ(f.links[0].text, "one");
  EXPECT_EQ(f.links[1].text, "two");
}

TEST(HtmlStructure, LinkAcrossBlocksIsOneLine) {
  HtmlFacts f = Extract("<a href=u><div>line1</div><div>line2</div></a>");
  ASSERT_EQ(f.links.size(), 1u);
  EXPECT_EQ(f.links[0].text, "line1 line2");
}

TEST(HtmlStructure, ImagesIncludeBackgroundsAndImageInputs) {
  HtmlFacts f = Extract(
      "<body background='http://x.example/bg.jpg'>"
      "<img src=\"http://x.example/a.gif\" width=1><IMG SRC=b.png>"
      "<img alt=nosrc><table><td background=cell.gif>x</td></table>"
      "<input type=\"IMAGE\" src=\"btn.gif\"><input type=text src=no.gif>");
  EXPECT_EQ(f.image_sources,
            (std::vector<std::string>{"http://x.example/bg.jpg",
                                      "http://x.example/a.gif", "b.png",
                                      "cell.gif", "btn.gif"}));
  EXPECT_EQ(f.image_count, 4);
}

TEST(HtmlStructure, OtherUrlsComeFromFormsFramesMediaAndCss) {
  HtmlFacts f = Extract(
      "<style>body { background: url('http://s.example/bg.png') }</style>"
      "<form action=\"http://f.example/post\"></form>"
      "<iframe src=http://i.example/></iframe><frame src=fr.html>"
      "<script src=\"s.js\"></script><embed src=e.swf>"
      "<object data=o.swf></object><video src=v.mp4><source src=s.webm>"
      "</video><audio src=a.mp3></audio>"
      "<div style=\"background-image: url( http://d.example/i.png )\">x</div>");
  EXPECT_EQ(f.other_urls,
            (std::vector<std::string>{
                "http://s.example/bg.png", "http://f.example/post",
                "http://i.example/", "fr.html", "s.js", "e.swf", "o.swf",
                "v.mp4", "s.webm", "a.mp3", "http://d.example/i.png"}));
  EXPECT_EQ(f.form_count, 1);
  EXPECT_EQ(f.iframe_count, 2);
  EXPECT_EQ(f.media_count, 4);  // embed object video audio, not source
  EXPECT_EQ(f.script_count, 1);
}

TEST(HtmlStructure, EventHandlersAndScriptUrlsAreCounted) {
  HtmlFacts f = Extract(
      "<body onload=\"x()\"><a href=\"javascript:void(0)\" onClick=y()>a</a>"
      "<a href=\"  JavaScript:go()\">b</a><a href=\"java\tscript:z()\">c</a>"
      "<a href=\"&#106;avascript:e()\">d</a><img src=\"vbscript:msgbox\" "
      "onerror=\"q\" onmouseover='r'><form action=\"javascript:s()\">"
      "<a href=\"http://javascript.example/\">e</a><div one-two=3 on=4>");
  EXPECT_EQ(f.event_handler_count, 4);
  EXPECT_EQ(f.javascript_url_count, 6);
}

TEST(HtmlStructure, TagCountCountsStartTagsOnly) {
  EXPECT_EQ(
      Extract("<p>a</p><br/><x-custom>b</x-custom><!-- <c> -->").tag_count, 3);
  EXPECT_EQ(Extract("just text, 1 < 2").tag_count, 0);
}

TEST(HtmlStructure, AttributeQuotingVariantsParse) {
  HtmlFacts f = Extract(
      "<img src='single.gif'><img src=\"double.gif\"><img src=unquoted.gif>"
      "<img src = \"spaced.gif\" ><img alt=\"a > b\" src=\"gt.gif\">"
      "<img src=\"it's.gif\"><img src='say "
      "\"hi\".gif'><img/src=\"slash.gif\">");
  EXPECT_EQ(f.image_sources,
            (std::vector<std::string>{
                "single.gif", "double.gif", "unquoted.gif", "spaced.gif",
                "gt.gif", "it's.gif", "say \"hi\".gif", "slash.gif"}));
  EXPECT_EQ(f.visible_text, "");
}

// --- Colours --------------------------------------------------------------

TEST(HtmlColour, NotationsNormaliseToTheSameValue) {
  using detail::ParseColour;
  const uint32_t white = 0xFFFFFF;
  EXPECT_EQ(ParseColour("#fff"), white);
  EXPECT_EQ(ParseColour("#FFFFFF"), white);
  EXPECT_EQ(ParseColour("ffffff"), white);  // legacy attributes omit the '#'
  EXPECT_EQ(ParseColour(" White "), white);
  EXPECT_EQ(ParseColour("rgb(255,255,255)"), white);
  EXPECT_EQ(ParseColour("rgba(255, 255, 255, 0.5)"), white);
  EXPECT_EQ(ParseColour("rgb(100%, 100%, 100%)"), white);
  EXPECT_EQ(ParseColour("#369"), 0x336699u);
  EXPECT_EQ(ParseColour("grey"), ParseColour("gray"));
  EXPECT_EQ(ParseColour("silver"), 0xC0C0C0u);
  EXPECT_EQ(ParseColour("black"), 0u);
  EXPECT_EQ(ParseColour("transparent"), detail::kNoColour);
  EXPECT_EQ(ParseColour("#ggg"), detail::kNoColour);
  EXPECT_EQ(ParseColour(""), detail::kNoColour);
}

TEST(HtmlColour, InlineStyleInheritsAndOverrides) {
  detail::Style body;
  body.bg = detail::ParseColour("#fff");
  detail::Style span = body;
  detail::ApplyInlineStyle("color: WHITE", body, &span);
  EXPECT_TRUE(detail::Hidden(span));
  detail::Style inner = span;
  detail::ApplyInlineStyle("background:#000 url() no-repeat;color:white", span,
                           &inner);
  EXPECT_EQ(inner.bg, detail::kImageBackground);  // a picture, can't compare
  EXPECT_FALSE(detail::Hidden(inner));
  detail::Style later_wins = body;
  detail::ApplyInlineStyle("display:none; display:block", body, &later_wins);
  EXPECT_FALSE(detail::Hidden(later_wins));
}

// --- Hidden text ----------------------------------------------------------

struct HiddenCase {
  const char* technique;
  const char* html;
  const char* first_hidden;  // what the report says hid it
};

class HiddenText : public testing::TestWithParam<HiddenCase> {};

// Each technique hides "secret" among visible siblings "shown" and "too".
TEST_P(HiddenText, IsCountedAndExcludedWhileSiblingsStayVisible) {
  const HtmlFacts f = Extract(GetParam().html);
  EXPECT_EQ(f.visible_text, "shown too");
  EXPECT_EQ(f.hidden_element_count, 1);
  EXPECT_EQ(f.hidden_text_bytes, 6u);  // "secret"
  EXPECT_EQ(f.first_hidden, GetParam().first_hidden);
}

INSTANTIATE_TEST_SUITE_P(
    Techniques, HiddenText,
    testing::Values(
        HiddenCase{"DisplayNone",
                   "shown <span style=\"display:none\">secret</span>too",
                   "display:none in a <span>"},
        HiddenCase{"DisplayNoneImportant",
                   "shown <span style=\"color:red; DISPLAY : None "
                   "!important\">secret</span>too",
                   "display:none in a <span>"},
        HiddenCase{"VisibilityHidden",
                   "shown <span style='visibility: hidden'>secret</span>too",
                   "visibility:hidden in a <span>"},
        HiddenCase{"FontSizeZero",
                   "shown <span style=\"font-size:0\">secret</span>too",
                   "font-size 0-1 in a <span>"},
        HiddenCase{"FontSizeOnePixel",
                   "shown <span style=\"font-size: 1px\">secret</span>too",
                   "font-size 0-1 in a <span>"},
        HiddenCase{"FontSizeTinyEm",
                   "shown <span style=\"font-size:0.1em\">secret</span>too",
                   "font-size 0-1 in a <span>"},
        HiddenCase{"FontShorthandZero",
                   "shown <span style=\"font: 0/0 a\">secret</span>too",
                   "font-size 0-1 in a <span>"},
        HiddenCase{"HiddenAttribute", "shown <span hidden>secret</span>too",
                   "display:none in a <span>"},
        HiddenCase{"WhiteOnInheritedBodyBgcolor",
                   "<body bgcolor=\"#FFFFFF\">shown <font color=\"white\">"
                   "secret</font>too</body>",
                   "text colour equal to its background in a <font>"},
        HiddenCase{"WhiteOnDefaultBackground",
                   "shown <span style=\"color:#fff\">secret</span>too",
                   "text colour equal to its background in a <span>"},
        HiddenCase{"FontColourEqualsTdBgcolor",
                   "<table><tr><td bgcolor=\"#336699\">shown <font "
                   "color=\"#336699\">secret</font>too</td></tr></table>",
                   "text colour equal to its background in a <font>"},
        HiddenCase{"RgbOnDivBackground",
                   "<div style=\"background-color: rgb(0, 0, 0)\">shown "
                   "<b style=\"color:#000000\">secret</b>too</div>",
                   "text colour equal to its background in a <b>"},
        HiddenCase{"ColourEqualsTableBgcolorThroughCells",
                   "<table bgcolor=black><tr><td>shown <span><em "
                   "style=\"color:black\">secret</em></span>too</td></tr>"
                   "</table>",
                   "text colour equal to its background in a <em>"}),
    [](const testing::TestParamInfo<HiddenCase>& param_info) {
      return std::string(param_info.param.technique);
    });

TEST(HtmlHidden, NestedHiddenElementsCountOnce) {
  HtmlFacts f = Extract(
      "a<div style=\"display:none\"><p>x <b>y</b></p><span "
      "style=\"visibility:hidden\">z</span></div>b");
  EXPECT_EQ(f.hidden_element_count, 1);
  EXPECT_EQ(f.hidden_text_bytes, 5u);  // "x y" + "z" with its separator
  EXPECT_EQ(f.visible_text, "ab");     // a display:none block takes no room
}

TEST(HtmlHidden, ReadableColourOrSizeInsideIsVisibleAgain) {
  HtmlFacts f = Extract(
      "<font color=white>hid<font color=black>shown</font></font> "
      "<span style=\"font-size:0\">x<span style=\"font-size:14px\">big</span>"
      "</span>");
  EXPECT_EQ(f.visible_text, "shown big");
  EXPECT_EQ(f.hidden_element_count, 2);
  EXPECT_EQ(f.hidden_text_bytes, 4u);  // "hid", "x"
}

TEST(HtmlHidden, DifferentColoursAndSmallFontsAreVisible) {
  HtmlFacts f = Extract(
      "<body bgcolor=black><font color=white>white on black</font> "
      "<font size=1>small</font> <span style=\"font-size:2px\">two</span> "
      "<span style=\"color:#fefefe\">nearly</span></body>");
  EXPECT_EQ(f.visible_text, "white on black small two nearly");
  EXPECT_EQ(f.hidden_element_count, 0);
  EXPECT_EQ(f.hidden_text_bytes, 0u);
}

TEST(HtmlHidden, BackgroundImageDefeatsTheColourComparison) {
  HtmlFacts f = Extract(
      "<td background=\"dark.jpg\"><font color=white>on a picture</font></td>");
  EXPECT_EQ(f.visible_text, "on a picture");
  EXPECT_EQ(f.hidden_element_count, 0);
}

TEST(HtmlHidden, ClosingTheHiddenElementRestoresVisibility) {
  HtmlFacts f = Extract(
      "<div><span style=\"display:none\">gone</span></div><div>back</div>");
  EXPECT_EQ(f.visible_text, "back");
  EXPECT_EQ(f.hidden_text_bytes, 4u);
}

TEST(HtmlHidden, HiddenLinkTextIsNotAnchorText) {
  HtmlFacts f =
      Extract("<a href=u>pay<span style=display:none>XX</span>pal</a>");
  ASSERT_EQ(f.links.size(), 1u);
  EXPECT_EQ(f.links[0].text, "paypal");
  EXPECT_EQ(f.visible_text, "paypal");
}

// --- Malformed input ------------------------------------------------------

TEST(HtmlMalformed, MismatchedCloseTagPopsToItsElement) {
  // </div> closes the unclosed hidden <span> inside it, so "after" shows.
  HtmlFacts f =
      Extract("<div><span style=\"display:none\">hid<b>den</div>after</b>");
  EXPECT_EQ(f.visible_text, "after");
  EXPECT_EQ(f.hidden_text_bytes, 6u);
}

TEST(HtmlMalformed, CloseTagMatchingNothingIsIgnored) {
  // </em> and </table> match nothing, so the hidden span stays open.
  HtmlFacts f =
      Extract("shown <span style=\"display:none\">a</em>b</table>c</span> end");
  EXPECT_EQ(f.visible_text, "shown end");
  EXPECT_EQ(f.hidden_text_bytes, 3u);
}

TEST(HtmlMalformed, UnclosedTagsAtEndKeepEarlierText) {
  EXPECT_EQ(Visible("<p>text<b>bold<i>italic"), "textbolditalic");
  HtmlFacts f = Extract("text<a href=\"http://x.example/");
  EXPECT_EQ(f.visible_text, "text");
  EXPECT_EQ(f.tag_count, 1);
}

TEST(HtmlMalformed, UnclosedQuoteRunsToTheEnd) {
  HtmlFacts f = Extract("<img src=\"a.gif>never shown");
  EXPECT_EQ(f.visible_text, "");
  EXPECT_EQ(f.image_sources, std::vector<std::string>{"a.gif>never shown"});
}

TEST(HtmlMalformed, TenThousandNestedDivsKeepTheirText) {
  std::string html;
  for (int i = 0; i < 10000; ++i) html += "<div>";
  html += "deep";
  for (int i = 0; i < 10000; ++i) html += "</div>";
  html += "after<span style=\"display:none\">x</span>";
  HtmlFacts f = Extract(html);
  EXPECT_EQ(f.visible_text, "deep\nafter");
  EXPECT_EQ(f.tag_count, 10001);
  // The stack unwound completely, so style is tracked again afterwards.
  EXPECT_EQ(f.hidden_element_count, 1);
}

TEST(HtmlMalformed, DeepUnclosedNestingKeepsInheritedHiding) {
  std::string html = "<div style=\"display:none\">";
  for (int i = 0; i < 5000; ++i) html += "<font>";
  html += "secret";
  HtmlFacts f = Extract(html);
  EXPECT_EQ(f.visible_text, "");
  EXPECT_EQ(f.hidden_text_bytes, 6u);
}

TEST(HtmlMalformed, BinaryGarbageNeitherCrashesNorHangs) {
  std::mt19937 rng(42);
  std::string garbage(1 << 20, '\0');
  for (char& c : garbage) c = static_cast<char>(rng());
  // Seed markup-significant bytes so the tokenizer paths are exercised.
  const char kSpecials[] = "<>&#;\"'=/!-";
  for (size_t i = 0; i < garbage.size(); i += 7) {
    garbage[i] = kSpecials[rng() % (sizeof(kSpecials) - 1)];
  }
  HtmlFacts f = Extract(garbage);
  EXPECT_GT(f.tag_count, 0);
  EXPECT_LE(f.visible_text.size(), garbage.size());
  // NULs and invalid UTF-8 outside tags are copied through.
  EXPECT_EQ(Visible(std::string_view("a\0b\xFF\xFE", 5)),
            std::string("a\0b\xFF\xFE", 5));
}

TEST(HtmlMalformed, PathologicalInputsStayLinear) {
  // Each would be quadratic if a search restarted from the beginning:
  // unmatched end tags under a deep stack, '<' with no tag, '&' with no
  // reference, script openers without a close, and "<!--" with no "-->".
  const std::vector<std::string> inputs = {
      [] {
        std::string s;
        for (int i = 0; i < 255; ++i) s += "<span>";
        for (int i = 0; i < 200000; ++i) s += "</x>";
        return s;
      }(),
      std::string(2000000, '<'),
      std::string(2000000, '&'),
      [] {
        std::string s;
        for (int i = 0; i < 200000; ++i) s += "<li><td><tr>";
        return s;
      }(),
      "<script>" + std::string(2000000, '<'),
      "<!--" + std::string(2000000, '-'),
      [] {  // every unclosed <title> would look for "</title" to the end
        std::string s;
        for (int i = 0; i < 200000; ++i) s += "<title>a";
        return s;
      }(),
      [] {  // likewise every unclosed CDATA section for "]]>"
        std::string s;
        for (int i = 0; i < 200000; ++i) s += "<![CDATA[>";
        return s;
      }(),
      [] {  // rgb tokens without a ')' in one background declaration
        std::string s = "<p style=\"background:";
        for (int i = 0; i < 200000; ++i) s += " rgb";
        return s + "\">x";
      }(),
  };
  // Speed on these inputs is a benchmark's business (no timing in tests);
  // here each must finish with output no larger than its input.
  for (const std::string& input : inputs) {
    HtmlFacts f = Extract(input);
    EXPECT_LE(f.visible_text.size() + f.title.size(), input.size())
        << input.substr(0, 40);
    EXPECT_LE(static_cast<size_t>(f.tag_count), input.size())
        << input.substr(0, 40);
  }
  EXPECT_EQ(Extract(inputs[4]).script_count, 1);
  EXPECT_TRUE(Extract(inputs[5]).visible_text.empty());
  EXPECT_EQ(Visible(std::string(1000, '<')), std::string(1000, '<'));
  EXPECT_EQ(Visible(std::string(1000, '&')), std::string(1000, '&'));
}

// --- Accumulation ---------------------------------------------------------

TEST(HtmlAccumulation, SecondCallAppendsToTheFirst) {
  HtmlFacts f;
  ExtractHtml(
      "<title>One</title><p>first <a href=a>A</a><img src=1.gif>"
      "<span style=display:none>h1</span>",
      &f);
  EXPECT_EQ(f.visible_text, "first A");
  ASSERT_EQ(f.links.size(), 1u);
  EXPECT_EQ(f.tag_count, 5);
  ExtractHtml(
      "<title>Two</title>second <a href=b>B</a><img src=2.gif>"
      "<script>x</script><span style=display:none>h2</span>",
      &f);
  EXPECT_EQ(f.title, "One Two");
  EXPECT_EQ(f.visible_text, "first A\nsecond B");
  ASSERT_EQ(f.links.size(), 2u);
  EXPECT_EQ(f.links[0].text, "A");
  EXPECT_EQ(f.links[1].href, "b");
  EXPECT_EQ(f.links[1].text, "B");
  EXPECT_EQ(f.image_sources, (std::vector<std::string>{"1.gif", "2.gif"}));
  EXPECT_EQ(f.image_count, 2);
  EXPECT_EQ(f.script_count, 1);
  EXPECT_EQ(f.hidden_element_count, 2);
  EXPECT_EQ(f.hidden_text_bytes, 4u);
  EXPECT_EQ(f.tag_count, 10);
}

TEST(HtmlAccumulation, ManySmallPartsEachStartALine) {
  HtmlFacts f;
  for (int i = 0; i < 20000; ++i) ExtractHtml("<p>part</p>", &f);
  EXPECT_EQ(f.visible_text.size(), 20000 * 5 - 1);  // "part\n" ... "part"
  EXPECT_EQ(f.visible_text.substr(0, 10), "part\npart\n");
  EXPECT_EQ(f.tag_count, 20000);
}

TEST(HtmlAccumulation, EmptyInputChangesNothing) {
  HtmlFacts f;
  ExtractHtml("", &f);
  EXPECT_EQ(f.visible_text, "");
  EXPECT_EQ(f.tag_count, 0);
  ExtractHtml("x", &f);
  ExtractHtml("", &f);
  EXPECT_EQ(f.visible_text, "x");
}

}  // namespace
}  // namespace inboxsim::mime
