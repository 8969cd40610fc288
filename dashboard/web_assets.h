// The dashboard page's files (dashboard/web/), compiled into the binary by CMake (embed_web_assets.cmake),
// so the dashboard works offline, serves no file from disk and needs no CDN.
#pragma once

#include <string_view>

namespace dashboard {

struct WebAsset {
  std::string_view path;          // the URL path it is served at ("/" for index.html)
  std::string_view content_type;
  std::string_view body;
};

// The asset served at path, or nullptr.
const WebAsset* find_web_asset(std::string_view path);

}  // namespace dashboard
