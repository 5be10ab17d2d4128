// url.h: resolving a link's address against the page's. Internal.
#pragma once

#include <string>
#include <string_view>

namespace winnow::internal {

// REF resolved against BASE as RFC 3986 section 5.2 says ("../b?q" against
// "http://x.org/a/c/d" is "http://x.org/a/b?q"), dot segments removed. REF comes back as it
// is when BASE is not an absolute URL (no scheme), and when REF is one already.
std::string resolve_url(std::string_view base, std::string_view ref);

}  // namespace winnow::internal
