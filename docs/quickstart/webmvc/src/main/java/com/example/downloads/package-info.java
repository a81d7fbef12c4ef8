/**
 * The application the README's Quick start builds: downloads handed off to nginx, with
 * the download health checks.
 */
@NullMarked
package com.example.downloads;

import org.jspecify.annotations.NullMarked;
