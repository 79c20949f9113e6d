/**
 * Web assets shared by the scheduler's and the observer's pages: the pages script and the
 * Content-Security-Policy they are served with ({@link io.borealis.api.web.PageAssets}).
 */
package io.borealis.api.web;
