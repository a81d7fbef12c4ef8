package com.example.downloads;

import io.github.downloadhealthcheck.harness.quickstart.QuickstartBehindNginx;

/**
 * The Spring MVC Quick start application behind a real nginx.
 */
class QuickstartNginxTests extends QuickstartBehindNginx {

}
