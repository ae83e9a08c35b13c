#!/usr/bin/env python3
"""Compares SpamAssassin's texts (scripts/sa-dump-texts.pl) with ours
(build/sa_dump_texts) and reports, per view, the share of messages whose
text is byte-identical; the URI list is compared as a set of lines.

  scripts/sa-text-compare.py sa.dump ours.dump [--diffs VIEW] [--max N]
"""
import argparse
import collections
import difflib
import sys


def read_dump(path):
    """{file: {view: bytes or None}}"""
    data = open(path, 'rb').read()
    out = {}
    pos = 0
    current = None
    while pos < len(data):
        end = data.index(b'\n', pos)
        line = data[pos:end].decode('utf-8', 'replace')
        pos = end + 1
        if line.startswith('@@FILE '):
            current = out.setdefault(line[7:], {})
        elif line.startswith('@@VIEW '):
            name, size = line[7:].rsplit(' ', 1)
            size = int(size)
            if size < 0:
                current[name] = None
                pos += 1
            else:
                current[name] = data[pos:pos + size]
                pos += size + 1
        elif line.startswith('@@ERROR'):
            pass
    return out


def same(view, a, b):
    if view == 'uri' and a is not None and b is not None:
        return set(a.split(b'\n')) == set(b.split(b'\n'))
    return a == b


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('sa')
    parser.add_argument('ours')
    parser.add_argument('--diffs', help='show differing messages of VIEW')
    parser.add_argument('--max', type=int, default=5)
    args = parser.parse_args()
    sa, ours = read_dump(args.sa), read_dump(args.ours)
    files = [f for f in sa if f in ours]
    views = collections.OrderedDict()
    for f in files:
        for view in sa[f]:
            views.setdefault(view, [0, []])
            if same(view, sa[f][view], ours[f].get(view, b'<missing>')):
                views[view][0] += 1
            else:
                views[view][1].append(f)
    print(f'{len(files)} messages')
    for view, (good, bad) in views.items():
        print(f'{100.0 * good / len(files):7.2f}%  {good:5d}/{len(files)}  {view}')
    if args.diffs:
        for f in views[args.diffs][1][:args.max]:
            a = sa[f][args.diffs]
            b = ours[f].get(args.diffs)
            print(f'==== {f}')
            if a is None or b is None:
                print(f'  SA: {a!r:.300}\n  us: {b!r:.300}')
                continue
            if args.diffs == 'uri':
                sa_set, our_set = set(a.split(b'\n')), set(b.split(b'\n'))
                print('  SA only:', sorted(sa_set - our_set)[:10])
                print('  us only:', sorted(our_set - sa_set)[:10])
                continue
            diff = difflib.unified_diff(
                a.decode('utf-8', 'replace').split('\n'),
                b.decode('utf-8', 'replace').split('\n'),
                'SA', 'ours', n=1, lineterm='')
            for n, line in enumerate(diff):
                if n > 30:
                    break
                print('  ' + repr(line)[1:-1][:200])


if __name__ == '__main__':
    sys.exit(main())
