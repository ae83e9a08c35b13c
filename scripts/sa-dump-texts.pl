#!/usr/bin/perl
# Prints the texts SpamAssassin's rules see for each message file given, in
# the format scripts/sa-text-compare.py reads, so sim/sa/message_text.* can
# be checked against SpamAssassin itself (developer tool; needs the
# spamassassin package).
#
#   scripts/sa-dump-texts.pl [--requests=R1,R2,...] FILE... > sa.dump
#
# With --requests only those header requests are printed (no body, rawbody
# or uri), e.g. --requests=X-Spam-Relays-External,EnvelopeFrom.
#
# Per file:
#   @@FILE <path>
#   @@VIEW <name> <byte count, or -1 when absent>\n<bytes>\n
# Views: body and rawbody (array elements, each without its own trailing
# "\n", joined with "\n": the layout sa::AppendBodyText uses), uri (the URI
# list sorted, one per line), and "header <request>" for each request (what
# a header rule matches: get() values joined as Plugin::Check joins them;
# -1 when get() finds nothing).
use strict;
use warnings;
use Mail::SpamAssassin;

my @requests = (
  'Subject', 'From:addr', 'From:name', 'To', 'ALL', 'ToCc', 'MESSAGEID',
  'Subject:raw', 'Received', 'Message-Id', 'Content-Type', 'From',
  'To:addr', 'Reply-To:addr', 'From:raw', 'X-Spam-Relays-External',
  'X-Spam-Relays-Untrusted', 'X-Spam-Relays-Trusted', 'X-Spam-Relays-Internal',
  'ALL-EXTERNAL', 'ALL-TRUSTED', 'ALL-UNTRUSTED', 'ALL-INTERNAL',
  'EnvelopeFrom',
);
my $headers_only = 0;
if (@ARGV && $ARGV[0] =~ /^--requests=(.*)\z/s) {
  @requests = split(/,/, $1);
  $headers_only = 1;
  shift @ARGV;
}

my $sa = Mail::SpamAssassin->new({
  local_tests_only => 1,
  dont_copy_prefs => 1,
  userprefs_filename => '/dev/null',
  debug => 0,
});
$sa->init(1);

sub view {
  my ($name, $text) = @_;
  if (!defined $text) {
    print "\@\@VIEW $name -1\n\n";
    return;
  }
  utf8::encode($text) if utf8::is_utf8($text);
  print "\@\@VIEW $name ", length($text), "\n", $text, "\n";
}

# Array elements without their own trailing "\n", joined with "\n".
sub joined {
  my ($array) = @_;
  return join("\n", map { my $l = $_; $l =~ s/\n\z//; $l } @$array);
}

binmode STDOUT;
for my $path (@ARGV) {
  open(my $fh, '<', $path) or die "sa-dump-texts: cannot read $path: $!\n";
  binmode $fh;
  my $raw = do { local $/; <$fh> };
  close $fh;
  my $msg = $sa->parse($raw, 1);
  my $pms = Mail::SpamAssassin::PerMsgStatus->new($sa, $msg);
  # As check() does before any rule runs: parses Received for the
  # X-Spam-Relays-*, ALL-* and EnvelopeFrom pseudo-headers.
  $pms->extract_message_metadata();
  print "\@\@FILE $path\n";
  if (!$headers_only) {
    view('body', joined($pms->get_decoded_stripped_body_text_array()));
    view('rawbody', joined($pms->get_decoded_body_text_array()));
    view('uri', join("\n", sort $pms->get_uri_list()));
  }
  for my $request (@requests) {
    my @values = $pms->get($request);
    my $text;
    # As Plugin::Check joins them (Bug 8121).
    $text = join($values[0] =~ /\n\z/ ? '' : "\n", @values) if @values;
    view("header $request", $text);
  }
  $pms->finish();
  $msg->finish();
}
