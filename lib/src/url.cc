#include "url.h"

#include <cctype>

namespace winnow::internal {
namespace {

// The five parts of a URL reference (RFC 3986 appendix B); the optional ones say whether they
// are there at all ("http://x/?" has an empty query, "http://x/" none).
struct Parts {
  std::string_view scheme, authority, path, query, fragment;
  bool has_scheme = false, has_authority = false, has_query = false, has_fragment = false;
};

Parts parse(std::string_view s) {
  Parts p;
  if (std::size_t hash = s.find('#'); hash != std::string_view::npos) {
    p.fragment = s.substr(hash + 1);
    p.has_fragment = true;
    s = s.substr(0, hash);
  }
  if (std::size_t q = s.find('?'); q != std::string_view::npos) {
    p.query = s.substr(q + 1);
    p.has_query = true;
    s = s.substr(0, q);
  }
  // A scheme: a letter, then letters, digits, '+', '-' or '.', then ':'.
  std::size_t colon = s.find(':');
  if (colon != std::string_view::npos && colon > 0 && std::isalpha(static_cast<unsigned char>(s[0]))) {
    bool scheme = true;
    for (std::size_t i = 1; i < colon && scheme; ++i) {
      const unsigned char c = static_cast<unsigned char>(s[i]);
      scheme = std::isalnum(c) || c == '+' || c == '-' || c == '.';
    }
    if (scheme && s.substr(0, colon).find('/') == std::string_view::npos) {
      p.scheme = s.substr(0, colon);
      p.has_scheme = true;
      s = s.substr(colon + 1);
    }
  }
  if (s.substr(0, 2) == "//") {
    s.remove_prefix(2);
    std::size_t slash = s.find('/');
    p.authority = s.substr(0, slash);
    p.has_authority = true;
    s = slash == std::string_view::npos ? std::string_view() : s.substr(slash);
  }
  p.path = s;
  return p;
}

// RFC 3986 section 5.2.4: "." and ".." segments removed from PATH.
std::string remove_dot_segments(std::string_view in) {
  std::string out;
  while (!in.empty()) {
    if (in.substr(0, 3) == "../") {
      in.remove_prefix(3);
    } else if (in.substr(0, 2) == "./") {
      in.remove_prefix(2);
    } else if (in.substr(0, 3) == "/./") {
      in.remove_prefix(2);
    } else if (in == "/.") {
      in = "/";
    } else if (in.substr(0, 4) == "/../" || in == "/..") {
      in = in.size() == 3 ? std::string_view("/") : in.substr(3);
      std::size_t last = out.rfind('/');
      out.resize(last == std::string::npos ? 0 : last);
    } else if (in == "." || in == "..") {
      in = {};
    } else {
      std::size_t next = in.find('/', 1);
      if (next == std::string_view::npos) next = in.size();
      out.append(in.substr(0, next));
      in.remove_prefix(next);
    }
  }
  return out;
}

// RFC 3986 section 5.2.3: REF's relative path merged with BASE's path.
std::string merge(const Parts& base, std::string_view ref_path) {
  if (base.has_authority && base.path.empty()) return "/" + std::string(ref_path);
  std::size_t slash = base.path.rfind('/');
  if (slash == std::string_view::npos) return std::string(ref_path);
  return std::string(base.path.substr(0, slash + 1)) + std::string(ref_path);
}

std::string compose(std::string_view scheme, const Parts& authority_of, std::string_view path, const Parts& query_of,
                    const Parts& ref) {
  std::string out(scheme);
  out += ':';
  if (authority_of.has_authority) {
    out += "//";
    out += authority_of.authority;
  }
  out += path;
  if (query_of.has_query) {
    out += '?';
    out += query_of.query;
  }
  if (ref.has_fragment) {
    out += '#';
    out += ref.fragment;
  }
  return out;
}

}  // namespace

std::string resolve_url(std::string_view base_text, std::string_view ref_text) {
  const Parts base = parse(base_text);
  const Parts ref = parse(ref_text);
  if (!base.has_scheme || ref.has_scheme) return std::string(ref_text);
  if (ref.has_authority) return compose(base.scheme, ref, remove_dot_segments(ref.path), ref, ref);
  if (ref.path.empty()) return compose(base.scheme, base, base.path, ref.has_query ? ref : base, ref);
  const std::string path = ref.path.front() == '/' ? std::string(ref.path) : merge(base, ref.path);
  return compose(base.scheme, base, remove_dot_segments(path), ref, ref);
}

}  // namespace winnow::internal
